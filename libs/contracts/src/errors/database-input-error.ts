import { DomainError } from './domain-error';
import { ConflictError, InvalidParamError } from './error-classes';

/**
 * SQLSTATEs meaning the value a caller sent cannot be stored or compared (PostgreSQL class 22,
 * "data exception", and 54000 for an index row that is too big). They are the caller's fault, so
 * they answer 400, never 500; edge validation should have caught them first.
 */
const INPUT_MESSAGES: Record<string, string> = {
  '22P02': 'A parameter has an invalid format.',
  '22003': 'A numeric parameter is out of range.',
  '22021': 'A parameter contains a character that cannot be stored.',
  '22P05': 'A parameter contains a character that cannot be stored.',
  '22001': 'A parameter is too long.',
  '54000': 'A parameter is too long.',
};

interface DriverErrorShape {
  code?: unknown;
  name?: unknown;
  routine?: unknown;
  driverError?: unknown;
}

/** The SQLSTATE of a PostgreSQL error (pg's DatabaseError or TypeORM's QueryFailedError), if it is one. */
export function sqlState(err: unknown): string | null {
  const e = err as DriverErrorShape | null;
  if (!e || typeof e !== 'object' || typeof e.code !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code)) return null;
  return e.name === 'QueryFailedError' || 'routine' in e || 'driverError' in e ? e.code : null;
}

/**
 * The safety net for input that slipped past validation into PostgreSQL: a data exception becomes
 * 400 invalid_param, a unique violation 409 conflict (two requests raced). Anything else: null.
 * The message is ours; the database's (which quotes the value) never reaches the caller.
 */
export function domainErrorFromDatabase(err: unknown): DomainError | null {
  const state = sqlState(err);
  if (!state) return null;
  if (INPUT_MESSAGES[state]) return new InvalidParamError(INPUT_MESSAGES[state]);
  if (state.startsWith('22')) return new InvalidParamError('A parameter has an invalid value.');
  if (state === '23505') return new ConflictError();
  return null;
}
