import { z } from 'zod';
import { invalidParam } from './dto/zod-parse';
import { ServiceName } from './services';

/** A phantom marker carrying a contract's reply type; never read at run time. */
export interface ReplyMarker<R> {
  readonly __reply?: R;
}
export const reply = <R>(): ReplyMarker<R> => ({});

/**
 * One message over the transport, declared once: its pattern, the service that answers it, the
 * zod schema of its payload (the gateway types its call with the schema's input, the service
 * validates with the same schema and receives its output) and the reply's type.
 */
export interface Contract<Schema extends z.ZodTypeAny = z.ZodTypeAny, Reply = unknown> {
  readonly pattern: string;
  readonly service: ServiceName;
  readonly request: Schema;
  readonly __reply?: Reply;
}

export function defineContract<Schema extends z.ZodTypeAny, Reply = unknown>(
  pattern: string,
  service: ServiceName,
  request: Schema,
  _reply?: ReplyMarker<Reply>,
): Contract<Schema, Reply> {
  return Object.freeze({ pattern, service, request });
}

/** What the caller sends (the schema's input). */
export type ContractInput<C> = C extends Contract<infer S, unknown> ? z.input<S> : never;
/** What the handler receives once validated (the schema's output). */
export type ContractPayloadOf<C> = C extends Contract<infer S, unknown> ? z.output<S> : never;
export type ContractReply<C> = C extends Contract<z.ZodTypeAny, infer R> ? R : never;

/**
 * Envelope keys that carry the client's own input: a failure inside them names the field as the
 * client sent it (`query`, not `body.query`), as Dify's reqparse does.
 */
const CLIENT_KEYS = new Set(['body', 'query']);

/** Validates a contract's payload (the service side, and tests), with client fields named as sent. */
export function parseContract<C extends Contract>(contract: C, value: unknown): ContractPayloadOf<C> {
  const res = contract.request.safeParse(value ?? {});
  if (res.success) return res.data;
  const issue = res.error.issues[0];
  const path = CLIENT_KEYS.has(String(issue.path[0])) ? issue.path.slice(1) : issue.path;
  throw invalidParam({ ...issue, path });
}

type ClientPart = 'body' | 'query';
/** What `parseAfterLookup` returns: the output of the schema the contract declares for that part. */
export type AfterLookupOutput<C, K extends ClientPart> =
  ContractPayloadOf<C> extends { [P in K]?: infer V } ? (NonNullable<V> extends AwaitingLookup<infer S> ? z.output<S> : never) : never;

/**
 * Validates a client part the contract declares `afterLookup`, once the service has found what the
 * route names: with the contract's own schema (never one imported beside it), absent counting as
 * `{}`, a failure naming the field as the client sent it, as `parseContract` does.
 */
export function parseAfterLookup<C extends Contract, K extends ClientPart>(contract: C, part: K, value: unknown): AfterLookupOutput<C, K>;
/** The same for a client field a contract declares `afterLookup` outside `body`/`query` (the debugger's unsaved model config). */
export function parseAfterLookup<S extends z.ZodTypeAny>(declared: AfterLookup<S>, value: unknown): z.output<S>;
export function parseAfterLookup(target: Contract | AfterLookup<z.ZodTypeAny>, partOrValue: unknown, value?: unknown): unknown {
  const isContract = 'pattern' in target;
  const s = isContract ? unwrapClientInput(shapeOf(target.request)?.[partOrValue as ClientPart]) : target;
  // A contract without an afterLookup part here is a programming error, not the client's.
  if (!s || !(AFTER_LOOKUP in s))
    throw new Error(`${isContract ? target.pattern : 'the schema'} declares no ${String(partOrValue)} validated after its lookups`);
  const res = (s as AfterLookup<z.ZodTypeAny>)[AFTER_LOOKUP].safeParse((isContract ? value : partOrValue) ?? {});
  if (res.success) return res.data;
  throw invalidParam(res.error.issues[0]);
}

/**
 * A client's body or query inside an envelope: absent counts as empty (`{}`), as a missing JSON
 * body does at the HTTP edge. Typed as the schema itself so callers and handlers keep its types.
 */
export function clientInput<S extends z.ZodTypeAny>(schema: S): z.ZodType<z.output<S>, z.ZodTypeDef, z.input<S> | undefined> {
  return z.preprocess((v) => v ?? {}, schema) as unknown as z.ZodType<z.output<S>, z.ZodTypeDef, z.input<S> | undefined>;
}

/** A value the gateway fills itself (identities, stored uploads): typed, checked only for presence. */
export function trusted<T>(what: string): z.ZodType<T, z.ZodTypeDef, T> {
  return z.custom<T>((v) => v !== undefined && v !== null, { message: `${what} is required` });
}

const AFTER_LOOKUP = Symbol('validated after lookup');
/**
 * A client part the handler receives unvalidated: at run time whatever the client sent. The phantom
 * key only carries the schema's type, so `parseAfterLookup` can type what it returns; never read it.
 */
export interface AwaitingLookup<S extends z.ZodTypeAny> {
  readonly __validatedAfterLookupWith?: S;
}
export type AfterLookup<S extends z.ZodTypeAny> = z.ZodType<AwaitingLookup<S>, z.ZodTypeDef, z.input<S> | undefined> & { readonly [AFTER_LOOKUP]: S };

/**
 * A client part the service validates itself, after its lookups, with the schema given: Dify answers
 * 404 for a missing dataset, document or segment before it looks at the body, so validating on receipt
 * (or at the HTTP edge) would turn that 404 into a 400. The contract still declares the schema (its
 * callers are typed by it, the OpenAPI test reads it); the handler receives the part unvalidated and
 * the service validates it with `parseAfterLookup`.
 */
export function afterLookup<S extends z.ZodTypeAny>(schema: S): AfterLookup<S> {
  return Object.assign(z.unknown(), { [AFTER_LOOKUP]: schema }) as unknown as AfterLookup<S>;
}

/** The client's own input of a contract's payload (its `body`), when it is validated on receipt: for validation at the HTTP edge. */
export function bodySchemaOf(contract: Contract): z.ZodTypeAny | undefined {
  return onReceipt(shapeOf(contract.request)?.body);
}
export function querySchemaOf(contract: Contract): z.ZodTypeAny | undefined {
  return onReceipt(shapeOf(contract.request)?.query);
}

/** The schema a contract declares for the client's `body` or `query`, whether checked on receipt or after the lookups. */
export function declaredSchemaOf(contract: Contract, part: 'body' | 'query'): z.ZodTypeAny | undefined {
  const s = unwrapClientInput(shapeOf(contract.request)?.[part]);
  return s && AFTER_LOOKUP in s ? (s as AfterLookup<z.ZodTypeAny>)[AFTER_LOOKUP] : s;
}

function onReceipt(part: z.ZodTypeAny | undefined): z.ZodTypeAny | undefined {
  const s = unwrapClientInput(part);
  return !s || s instanceof z.ZodUnknown ? undefined : part;
}

/** `clientInput` wraps a schema in a preprocess (absent → `{}`); the schema inside is what was declared. */
function unwrapClientInput(part: z.ZodTypeAny | undefined): z.ZodTypeAny | undefined {
  if (part instanceof z.ZodEffects && part._def.effect.type === 'preprocess') return part.innerType();
  return part;
}

function shapeOf(schema: z.ZodTypeAny): z.ZodRawShape | undefined {
  if (schema instanceof z.ZodObject) return schema.shape as z.ZodRawShape;
  if (schema instanceof z.ZodEffects) return shapeOf(schema.innerType());
  return undefined;
}
