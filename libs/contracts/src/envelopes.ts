import { z } from 'zod';
import { clientInput, trusted } from './contract';
import { endUserSchema } from './dto/service-api.dto';
import { ConsoleScope } from './roles';
import { CallerIdentity } from './sse';

/** Who is calling an app (filled by the gateway from the key, session or passport, never by the client). */
export const callerSchema = trusted<CallerIdentity>('caller');
/** The console account and its workspace, filled by the gateway from the session. */
export const consoleScopeSchema = trusted<ConsoleScope>('scope');

export interface ClientParts<B extends z.ZodTypeAny, Q extends z.ZodTypeAny> {
  body?: B;
  query?: Q;
}

/**
 * The client's own `body` and `query` inside an envelope, validated with the given schemas; without
 * one, the part is passed on as sent. Envelopes pass through the fields the gateway adds (path ids,
 * flags), which are its own and typed by the handler.
 */
function clientParts<B extends z.ZodTypeAny, Q extends z.ZodTypeAny>(parts: ClientParts<B, Q>) {
  return {
    body: parts.body ? clientInput(parts.body) : (z.unknown() as unknown as ReturnType<typeof clientInput<B>>),
    query: parts.query ? clientInput(parts.query) : (z.unknown() as unknown as ReturnType<typeof clientInput<Q>>),
  };
}

/** An app-scoped message (Service API, Web API): the caller, an optional path id, the client's input. */
export function scoped<B extends z.ZodTypeAny = z.ZodUnknown, Q extends z.ZodTypeAny = z.ZodUnknown>(parts: ClientParts<B, Q> = {}) {
  return z
    .object({ caller: callerSchema, id: z.string().optional(), web: z.boolean().optional(), action: z.string().optional(), ...clientParts(parts) })
    .passthrough();
}

/** A console message: the account's scope, an optional path id, the client's input. */
export function consoleScoped<B extends z.ZodTypeAny = z.ZodUnknown, Q extends z.ZodTypeAny = z.ZodUnknown>(parts: ClientParts<B, Q> = {}) {
  return z.object({ scope: consoleScopeSchema, id: z.string().optional(), ...clientParts(parts) }).passthrough();
}

/** A message before any session (setup, registration, password reset): only the client's input. */
export function unscoped<B extends z.ZodTypeAny = z.ZodUnknown, Q extends z.ZodTypeAny = z.ZodUnknown>(parts: ClientParts<B, Q> = {}) {
  return z.object(clientParts(parts)).passthrough();
}

/**
 * An app-scoped message on a route that names an end user (Dify's `user`): the gateway carries it as
 * the caller's session, checked here after the client's own input, as `user` the client sent.
 */
export function withEndUser<S extends z.ZodTypeAny>(envelope: S) {
  return envelope.superRefine((p: { caller?: CallerIdentity }, ctx) => {
    const res = endUserSchema.safeParse(p.caller?.sessionId);
    if (!res.success) for (const issue of res.error.issues) ctx.addIssue({ ...issue, path: ['user'] } as z.IssueData);
  });
}
