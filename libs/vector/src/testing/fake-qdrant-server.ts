import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QdrantOpenApiValidator } from './qdrant-openapi-validator';

export interface RecordedRequest {
  method: string;
  path: string;
  operationId: string;
  query: Record<string, string>;
  body: unknown;
}

interface StoredPoint {
  id: string | number;
  vector: number[];
  payload: Record<string, unknown>;
}

interface Collection {
  size: number;
  config: Record<string, unknown>;
  indexes: Map<string, unknown>;
  points: Map<string, StoredPoint>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Filter = { must?: unknown; should?: unknown; must_not?: unknown };

let sharedValidator: QdrantOpenApiValidator | undefined;

/**
 * An in-memory stand-in for Qdrant's REST API, for tests where no Qdrant can run. It serves the
 * endpoints the adapter uses with exact cosine search, and rejects (400, as Qdrant does) every
 * request whose body or query does not conform to the OpenAPI types of @qdrant/js-client-rest.
 */
export class FakeQdrantServer {
  readonly requests: RecordedRequest[] = [];
  /** Requests that failed validation, with the reasons (tests assert this stays empty). */
  readonly rejected: Array<{ request: RecordedRequest; errors: string[] }> = [];
  private readonly collections = new Map<string, Collection>();
  private readonly validator = (sharedValidator ??= new QdrantOpenApiValidator());
  private server?: Server;
  private failures: Array<{ status: number; message: string }> = [];

  constructor(private readonly opts: { apiKey?: string } = {}) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `count` requests answer `status` (e.g. 503) instead of being served. */
  failNext(status: number, count = 1, message = 'Service temporarily unavailable'): void {
    for (let i = 0; i < count; i++) this.failures.push({ status, message });
  }

  collectionInfo(name: string): { size: number; config: Record<string, unknown>; indexes: Record<string, unknown>; points: number } | undefined {
    const c = this.collections.get(name);
    return c && { size: c.size, config: c.config, indexes: Object.fromEntries(c.indexes), points: c.points.size };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const send = (status: number, payload: Record<string, unknown>) => {
      const time = Number(process.hrtime.bigint() - started) / 1e9;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...payload, time }));
    };
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      const raw = await readBody(req);
      if (this.opts.apiKey && req.headers['api-key'] !== this.opts.apiKey) throw new HttpError(401, 'Must provide an API key or an Authorization bearer token');
      const operationId = this.validator.operationFor(req.method ?? 'GET', url.pathname);
      if (!operationId) throw new HttpError(404, `Not found: ${req.method} ${url.pathname}`);
      let body: unknown;
      if (raw.length) {
        try {
          body = JSON.parse(raw);
        } catch (err) {
          throw new HttpError(400, `Format error in JSON body: ${(err as Error).message}`);
        }
      }
      const request: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, operationId, query: Object.fromEntries(url.searchParams), body };
      this.requests.push(request);
      const errors = this.validator.validateRequest(operationId, url.searchParams, body);
      if (errors.length) {
        this.rejected.push({ request, errors });
        throw new HttpError(400, `Format error in JSON body: ${errors.join('; ')}`);
      }
      const failure = this.failures.shift();
      if (failure) throw new HttpError(failure.status, failure.message);
      const name = decodeURIComponent(url.pathname.split('/')[2] ?? '');
      send(200, { status: 'ok', result: this.serve(operationId, name, url.searchParams, body as Record<string, any>) });
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 500;
      send(status, { status: { error: (err as Error).message } });
    }
  }

  private serve(op: string, name: string, query: URLSearchParams, body: Record<string, any>): unknown {
    if (op === 'collection_exists') return { exists: this.collections.has(name) };
    if (op === 'create_collection') return this.create(name, body);
    const c = this.collections.get(name);
    if (!c) throw new HttpError(404, `Not found: Collection \`${name}\` doesn't exist!`);
    const ack = () => ({ operation_id: Math.floor(Math.random() * 1e6), status: query.get('wait') === 'true' ? 'completed' : 'acknowledged' });
    switch (op) {
      case 'get_collection':
        return {
          status: 'green',
          optimizer_status: 'ok',
          segments_count: 1,
          points_count: c.points.size,
          indexed_vectors_count: c.points.size,
          config: c.config,
          payload_schema: Object.fromEntries(
            [...c.indexes].map(([k, v]) => [k, { data_type: typeof v === 'string' ? v : (v as { type: string }).type, points: c.points.size }]),
          ),
        };
      case 'delete_collection':
        this.collections.delete(name);
        return true;
      case 'create_field_index':
        c.indexes.set(body.field_name, body.field_schema ?? 'keyword');
        return ack();
      case 'upsert_points':
        if (!Array.isArray(body.points)) throw new HttpError(400, 'Wrong input: only the points list form is supported by this fake');
        for (const p of body.points) {
          if (!Array.isArray(p.vector) || p.vector.length !== c.size)
            throw new HttpError(400, `Wrong input: Vector dimension error: expected dim: ${c.size}, got ${Array.isArray(p.vector) ? p.vector.length : 'none'}`);
          c.points.set(pointKey(p.id), { id: normalizeId(p.id), vector: normalize(p.vector), payload: p.payload ?? {} });
        }
        return ack();
      case 'delete_points':
        if (Array.isArray(body.points)) for (const id of body.points) c.points.delete(pointKey(id));
        else for (const [k, p] of c.points) if (matches(p, body.filter)) c.points.delete(k);
        return ack();
      case 'count_points':
        return { count: [...c.points.values()].filter((p) => matches(p, body?.filter)).length };
      case 'query_points':
        return { points: this.query(c, body) };
      default:
        throw new HttpError(501, `The fake Qdrant does not implement ${op}`);
    }
  }

  private create(name: string, body: Record<string, any>): boolean {
    if (this.collections.has(name)) throw new HttpError(409, `Wrong input: Collection \`${name}\` already exists!`);
    const vectors = body?.vectors;
    if (typeof vectors?.size !== 'number') throw new HttpError(400, 'Wrong input: this fake supports a single unnamed vector only');
    const config = {
      params: {
        vectors: { size: vectors.size, distance: vectors.distance },
        shard_number: 1,
        replication_factor: 1,
        write_consistency_factor: 1,
        on_disk_payload: body.on_disk_payload ?? true,
      },
      hnsw_config: { m: 16, ef_construct: 100, full_scan_threshold: 10000, max_indexing_threads: 0, on_disk: false, ...body.hnsw_config },
      optimizer_config: {},
      wal_config: {},
    };
    this.collections.set(name, { size: vectors.size, config, indexes: new Map(), points: new Map() });
    return true;
  }

  private query(c: Collection, body: Record<string, any>) {
    const q = body.query;
    if (!Array.isArray(q) || typeof q[0] !== 'number') throw new HttpError(400, 'Wrong input: this fake supports a dense vector query only');
    if (q.length !== c.size) throw new HttpError(400, `Wrong input: Vector dimension error: expected dim: ${c.size}, got ${q.length}`);
    const qn = normalize(q);
    const limit = body.limit ?? 10;
    const threshold: number | undefined = body.score_threshold ?? undefined;
    const scored = [...c.points.values()]
      .filter((p) => matches(p, body.filter))
      .map((p) => ({ p, score: dot(qn, p.vector) }))
      .filter((s) => threshold === undefined || s.score >= threshold)
      .sort((a, b) => b.score - a.score)
      .slice(body.offset ?? 0, (body.offset ?? 0) + limit);
    const withPayload = body.with_payload ?? false;
    return scored.map(({ p, score }) => ({ id: p.id, version: 1, score, ...(withPayload ? { payload: p.payload } : {}) }));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const normalizeId = (id: string | number) => (typeof id === 'string' ? id.toLowerCase() : id);
const pointKey = (id: string | number) => String(normalizeId(id));

function normalize(v: number[]): number[] {
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function asList(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

/** Qdrant filter semantics for the condition kinds the adapter uses (field match value/any, nested filters). */
function matches(p: StoredPoint, filter: Filter | null | undefined): boolean {
  if (!filter) return true;
  const must = asList(filter.must);
  const should = asList(filter.should);
  const mustNot = asList(filter.must_not);
  return must.every((c) => cond(p, c)) && (should.length === 0 || should.some((c) => cond(p, c))) && !mustNot.some((c) => cond(p, c));
}

function cond(p: StoredPoint, c: any): boolean {
  if (c && ('must' in c || 'should' in c || 'must_not' in c)) return matches(p, c);
  if (c?.has_id)
    return asList(c.has_id)
      .map((x) => pointKey(x as string))
      .includes(pointKey(p.id));
  if (typeof c?.key !== 'string' || !c.match) throw new HttpError(400, 'Wrong input: this fake supports field match conditions only');
  const value = p.payload[c.key];
  const values = asList(value);
  if ('value' in c.match) return values.includes(c.match.value);
  if ('any' in c.match) return values.some((v) => c.match.any.includes(v));
  if ('except' in c.match) return !values.some((v) => c.match.except.includes(v));
  throw new HttpError(400, 'Wrong input: unsupported match');
}
