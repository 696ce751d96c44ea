export function pageBody<T>(data: T[], total: number, page: number, limit: number) {
  return { data, has_more: page * limit < total, limit, total, page };
}
