/**
 * Dify's OpenAPI 3.0 document of the Service API, made checkable with ajv: `nullable` becomes a JSON-Schema
 * type union, OpenAPI-only keywords are dropped, and — because the document marks almost nothing required
 * while Dify's clients read every declared field — every declared property of a response object is treated
 * as required. A departure that real Dify itself makes is excused only through an entry of the caller's
 * exception list, matched by operation and JSON pointer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export interface SpecOperation {
  operationId: string;
  method: string;
  /** Path under `/v1`, with `{param}` placeholders. */
  path: string;
  op: any;
}

/** One way real Dify departs from its own document, with where in Dify's source it comes from. */
export interface ConformanceException {
  /** operationIds, or '*' for every operation. */
  ops: string[] | '*';
  /** JSON pointer into the body, array indices written `*` (e.g. `/data/*\/answer`); for events `event:<name>/…`. */
  pointer: string;
  /** `missing` (declared field absent), `null` (null where not nullable), or an ajv keyword (`format`, `type`, …). */
  kind: string;
  reason: string;
  dify: string;
}

export interface Violation {
  pointer: string;
  kind: string;
  message: string;
}

export function repoRoot(): string {
  let root = __dirname;
  while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
  return root;
}

const DROP = new Set(['discriminator', 'example', 'examples', 'xml', 'externalDocs', 'deprecated', 'readOnly', 'writeOnly']);

/** OpenAPI 3.0 schema → JSON Schema (draft 7 as ajv reads it), all declared properties required. */
function convert(node: any): any {
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== 'object') return node;
  const out: any = {};
  for (const [k, v] of Object.entries(node)) {
    if (DROP.has(k) || k.startsWith('x-')) continue;
    if (k === 'properties' && v && typeof v === 'object') {
      out.properties = Object.fromEntries(Object.entries(v as object).map(([name, s]) => [name, convert(s)]));
    } else out[k] = convert(v);
  }
  if (out.$ref && typeof out.$ref === 'string') out.$ref = `spec${out.$ref}`;
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (!out.type && !out.enum) {
      // `nullable` on a $ref / allOf: allow null beside it.
      const inner = { ...out };
      return { anyOf: [inner, { type: 'null' }] };
    }
  } else delete out.nullable;
  if (out.properties && (out.type === 'object' || out.type === undefined || (Array.isArray(out.type) && out.type.includes('object')))) {
    out.required = [...new Set([...(out.required ?? []), ...Object.keys(out.properties)])];
  }
  return out;
}

export class DifySpec {
  readonly doc: any;
  readonly operations: SpecOperation[] = [];
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(file = join(repoRoot(), 'test', 'fixtures', 'dify-openapi', 'openapi_service.json')) {
    this.doc = JSON.parse(readFileSync(file, 'utf8'));
    for (const [path, item] of Object.entries<any>(this.doc.paths)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        if (item[method]) this.operations.push({ operationId: item[method].operationId, method: method.toUpperCase(), path, op: item[method] });
      }
    }
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    for (const f of ['int32', 'int64', 'float', 'double', 'decimal', 'byte', 'binary', 'url']) this.ajv.addFormat(f, true);
    this.ajv.addSchema({ components: convert(this.doc.components) }, 'spec');
  }

  operation(id: string): SpecOperation {
    const o = this.operations.find((x) => x.operationId === id);
    if (!o) throw new Error(`no operation ${id} in the spec`);
    return o;
  }

  /** A named request example of an operation (`requestBody.content[type].examples[name].value`). */
  requestExample(id: string, name?: string): any {
    const content = this.operation(id).op.requestBody?.content ?? {};
    const media: any = Object.values(content)[0] ?? {};
    const examples = media.examples ?? {};
    const ex = name ? examples[name] : Object.values<any>(examples)[0];
    return ex ? structuredClone(ex.value) : structuredClone(media.example ?? {});
  }

  /** The declared 2xx status of an operation. */
  successStatus(id: string): number {
    return Number(Object.keys(this.operation(id).op.responses).find((s) => s.startsWith('2')));
  }

  /** Content types of the 2xx response (empty for a body-less 204). */
  successContentTypes(id: string): string[] {
    const r = this.response(id, this.successStatus(id));
    return Object.keys(r?.content ?? {});
  }

  private response(id: string, status: number): any {
    const r = this.operation(id).op.responses[String(status)];
    if (r?.$ref) return this.doc.components.responses[r.$ref.split('/').pop()];
    return r;
  }

  /** Violations of a JSON body against the operation's declared response schema for `status`. */
  validateResponse(id: string, status: number, body: unknown): Violation[] {
    const key = `${id} ${status}`;
    let v = this.cache.get(key);
    if (!v) {
      const schema = this.response(id, status)?.content?.['application/json']?.schema;
      if (!schema) return [{ pointer: '', kind: 'status', message: `the spec declares no JSON body for ${id} ${status}` }];
      v = this.ajv.compile(convert(schema));
      this.cache.set(key, v);
    }
    return v(body) ? [] : violations(v.errors ?? [], body);
  }

  /** Violations of a body against a JSON schema taken from Dify's source (for routes the document lacks). */
  validateJson(schema: object, body: unknown): Violation[] {
    const v = this.ajv.compile(schema);
    return v(body) ? [] : violations(v.errors ?? [], body);
  }

  /**
   * Violations of one SSE event against the event schema its `event` names, through the discriminator
   * mapping of a chunk schema (`ChunkChatEvent`, `ChunkCompletionEvent`, `ChunkWorkflowEvent`).
   */
  validateEvent(chunkSchema: string, event: any): Violation[] {
    const mapping = this.doc.components.schemas[chunkSchema]?.discriminator?.mapping ?? {};
    const ref = mapping[event?.event];
    if (!ref) return [{ pointer: `event:${event?.event}`, kind: 'event', message: `event "${event?.event}" is not declared by ${chunkSchema}` }];
    let v = this.cache.get(ref);
    if (!v) {
      v = this.ajv.compile({ $ref: `spec${ref}` });
      this.cache.set(ref, v);
    }
    return v(event) ? [] : violations(v.errors ?? [], event).map((x) => ({ ...x, pointer: `event:${event.event}${x.pointer}` }));
  }
}

function violations(errors: ErrorObject[], data: unknown): Violation[] {
  const out: Violation[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // anyOf/oneOf wrappers only repeat what their branches said.
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') continue;
    let pointer = e.instancePath;
    let kind = e.keyword;
    if (e.keyword === 'required') {
      pointer = `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}`;
      kind = 'missing';
    } else if (e.keyword === 'type' && valueAt(data, e.instancePath) === null) kind = 'null';
    else if (e.keyword === 'type' && e.schemaPath.includes('anyOf') && valueAt(data, e.instancePath) === null) kind = 'null';
    pointer = pointer.replace(/\/\d+(?=\/|$)/g, '/*');
    const k = `${pointer} ${kind}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ pointer, kind, message: `${e.instancePath || '/'} ${e.message}` });
  }
  return out;
}

function valueAt(data: unknown, pointer: string): unknown {
  let cur: any = data;
  for (const part of pointer.split('/').slice(1)) {
    if (cur === null || cur === undefined) return undefined;
    cur = cur[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

/** Violations not covered by an exception of the list. */
export function unexcused(op: string, found: Violation[], exceptions: readonly ConformanceException[], used?: Set<ConformanceException>): Violation[] {
  return found.filter((v) => {
    const ex = exceptions.find((x) => (x.ops === '*' || x.ops.includes(op)) && x.kind === v.kind && x.pointer === v.pointer);
    if (ex) used?.add(ex);
    return !ex;
  });
}
