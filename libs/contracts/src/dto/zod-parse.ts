import { z } from 'zod';
import { InvalidParamError } from '../errors';

/**
 * Parses with a zod schema and turns the first issue into Dify's 400 invalid_param,
 * naming the field the way Dify's reqparse does (`params`).
 */
export function parseOrThrow<T extends z.ZodTypeAny>(schema: T, value: unknown): z.infer<T> {
  const res = schema.safeParse(value ?? {});
  if (res.success) return res.data;
  const issue = res.error.issues[0];
  const field = issue.path.join('.');
  let message: string;
  if (issue.code === 'invalid_type' && issue.received === 'undefined') message = `${field} is required`;
  else message = field ? `${field}: ${issue.message}` : issue.message;
  throw new InvalidParamError(message, field ? { params: field } : undefined);
}
