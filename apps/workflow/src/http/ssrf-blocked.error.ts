/** An outbound request to a private, loopback, link-local or metadata address was refused. */
export class SsrfBlockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SsrfBlockedError';
  }
}
