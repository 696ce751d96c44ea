/** PostgreSQL could not be reached at boot; the launcher prints `hint` instead of a stack. */
export class DatabaseUnavailableError extends Error {
  constructor(
    readonly target: string,
    readonly reason: string,
    readonly hint: string,
  ) {
    super(`PostgreSQL is not reachable at ${target}: ${reason}`);
    this.name = 'DatabaseUnavailableError';
  }
}
