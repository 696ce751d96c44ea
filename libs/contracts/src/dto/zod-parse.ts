import { z } from 'zod';
import { InvalidParamError } from '../errors';

/**
 * Validates configuration an app or a workflow node holds (its stored retrieval settings, say) with
 * a zod schema, the first issue as Dify's 400 invalid_param naming the field. Not for a request's
 * own body or query: the message contracts declare and validate those (`parseContract`,
 * `parseAfterLookup`), and lint refuses this in a service for them. A missing value is `{}`.
 */
export function parseConfig<T extends z.ZodTypeAny>(schema: T, value: unknown): z.output<T> {
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
