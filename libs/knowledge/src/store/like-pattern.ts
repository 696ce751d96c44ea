/** LIKE pattern for a user's search text, with the wildcards in it taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
}
