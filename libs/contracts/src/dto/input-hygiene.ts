import { InvalidParamError } from '../errors';

/**
 * Dify's inputs are flat values and its configs a few levels deep; 32 leaves room for any real
 * graph or DSL while keeping every later walk (JSON.stringify in the transport, jsonb) shallow.
 */
export const MAX_INPUT_DEPTH = 32;

/** Dify's `end_users.session_id` is a 255-character column; so is ours, and it is indexed. */
export const MAX_USER_LENGTH = 255;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export interface InputProblem {
  /** dotted path of the offending field, e.g. `inputs.topic` */
  field: string;
  message: string;
}

function stringProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'NUL (\\u0000) characters';
  if (LONE_SURROGATE.test(s)) return 'unpaired UTF-16 surrogates';
  return null;
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/**
 * Finds what PostgreSQL and the transport cannot take in a decoded request value: NUL characters
 * and lone surrogates (in text, jsonb and keys alike) and nesting deeper than MAX_INPUT_DEPTH.
 * The walk never goes deeper than the limit, so it cannot itself overflow the stack.
 */
export function findInputProblem(value: unknown, path = '', depth = 0): InputProblem | null {
  if (typeof value === 'string') {
    const m = stringProblem(value);
    return m ? { field: path, message: `must not contain ${m}` } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_INPUT_DEPTH) return { field: path, message: `is nested deeper than ${MAX_INPUT_DEPTH} levels` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findInputProblem(value[i], join(path, i), depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (Buffer.isBuffer(value)) return null;
  for (const key of Object.keys(value)) {
    const k = stringProblem(key);
    if (k) return { field: path, message: `has a key containing ${k}` };
    const p = findInputProblem((value as Record<string, unknown>)[key], join(path, key), depth + 1);
    if (p) return p;
  }
  return null;
}

/** Throws Dify's 400 invalid_param naming the field when `value` holds something findInputProblem refuses. */
export function assertCleanInput(value: unknown, path = ''): void {
  const p = findInputProblem(value, path);
  if (!p) return;
  const field = p.field || 'body';
  throw new InvalidParamError(`${field} ${p.message}`, { params: field });
}
