/** The gateway's routes, as its controllers declare them and as apps/gateway/openapi.yaml documents them. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

let root = __dirname;
while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
export const repoRoot = root;
const src = join(root, 'apps', 'gateway', 'src');

function walk(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (n.endsWith('.controller.ts')) out.push(p);
  }
  return out;
}

/** Routes as the controllers declare them: `@Controller('prefix')` + `@Get('path')` (string or array), as `get /v1/x/{id}`. */
export function declaredRoutes(): string[] {
  const routes: string[] = [];
  for (const file of walk(src)) {
    const text = readFileSync(file, 'utf8');
    const prefix = text.match(/@Controller\('([^']*)'\)/)?.[1] ?? '';
    for (const m of text.matchAll(/@(Get|Post|Put|Patch|Delete)\((\[[^\]]*\]|'[^']*')?\)/g)) {
      const paths = m[2] ? [...m[2].matchAll(/'([^']*)'/g)].map((x) => x[1]) : [''];
      for (const p of paths) {
        const full = '/' + [prefix, p].filter(Boolean).join('/');
        routes.push(
          `${m[1].toLowerCase()} ${full.replace(/:(\w+)/g, (_s, name: string) => `{${name === 'taskId' ? 'task_id' : name === 'keyId' ? 'key_id' : name}}`)}`,
        );
      }
    }
  }
  return routes;
}

export function openApiDocument(): any {
  return parse(readFileSync(join(root, 'apps', 'gateway', 'openapi.yaml'), 'utf8'));
}

export type Credential = 'appKey' | 'datasetKey' | 'session' | 'userToken' | 'passport' | 'none';

export interface DocumentedOperation {
  method: string;
  /** with `{name}` placeholders */
  path: string;
  /** the credentials the operation accepts (`none` when it is public) */
  credentials: Credential[];
  /** top-level request body fields the document names, if any */
  bodyFields: string[];
  /** query parameters the document names */
  queryParams: string[];
}

/** Every operation of the OpenAPI document with what it needs to be called. */
export function documentedOperations(): DocumentedOperation[] {
  const doc = openApiDocument();
  const resolve = (s: any): any =>
    s?.$ref
      ? resolve(
          s.$ref
            .split('/')
            .slice(1)
            .reduce((o: any, k: string) => o?.[k], doc),
        )
      : s;
  const ops: DocumentedOperation[] = [];
  for (const [path, byMethod] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(byMethod)) {
      if (typeof op !== 'object' || method === 'parameters') continue;
      const creds = new Set<Credential>();
      for (const req of op.security ?? []) {
        const names = Object.keys(req);
        if (names.includes('passport')) creds.add('passport');
        else if (names.includes('appCode')) creds.add('none');
        else for (const n of names) creds.add(n as Credential);
      }
      if (!creds.size) creds.add('none');
      const bodyFields = new Set<string>();
      for (const media of Object.values<any>(op.requestBody?.content ?? {})) {
        for (const f of Object.keys(resolve(media.schema)?.properties ?? {})) bodyFields.add(f);
      }
      const queryParams = (op.parameters ?? [])
        .map(resolve)
        .filter((p: any) => p?.in === 'query')
        .map((p: any) => p.name as string);
      ops.push({ method: method.toUpperCase(), path, credentials: [...creds], bodyFields: [...bodyFields], queryParams });
    }
  }
  return ops;
}
