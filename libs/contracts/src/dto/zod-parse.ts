import { z } from 'zod';
import { InvalidParamError } from '../errors';

/**
 * Parses with a zod schema and turns the first issue into Dify's 400 invalid_param,
 * naming the field the way Dify's reqparse does (`params`). A missing value is an empty object.
 */
export function parseOrThrow<T extends z.ZodTypeAny>(schema: T, value: unknown): z.output<T> {
  const res = schema.safeParse(value ?? {});
  if (res.success) return res.data;
  throw invalidParam(res.error.issues[0]);
}

export function invalidParam(issue: z.ZodIssue): InvalidParamError {
  const field = issue.path.join('.');
  let message: string;
  if (issue.code === 'invalid_type' && issue.received === 'undefined') message = `${field} is required`;
  else message = field ? `${field}: ${issue.message}` : issue.message;
  return new InvalidParamError(message, field ? { params: field } : undefined);
}
