import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

let root = __dirname;
while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
const src = join(root, 'apps', 'gateway', 'src');

function walk(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (n.endsWith('.controller.ts')) out.push(p);
  }
  return out;
}

/** Routes as the controllers declare them: `@Controller('prefix')` + `@Get('path')` (string or array). */
function declaredRoutes(): string[] {
  const routes: string[] = [];
  for (const file of walk(src)) {
    const text = readFileSync(file, 'utf8');
    const prefix = text.match(/@Controller\('([^']*)'\)/)?.[1] ?? '';
    for (const m of text.matchAll(/@(Get|Post|Put|Patch|Delete)\((\[[^\]]*\]|'[^']*')?\)/g)) {
      const paths = m[2] ? [...m[2].matchAll(/'([^']*)'/g)].map((x) => x[1]) : [''];
      for (const p of paths) {
        const full = '/' + [prefix, p].filter(Boolean).join('/');
        routes.push(`${m[1].toLowerCase()} ${full.replace(/:(\w+)/g, (_s, name: string) => `{${name === 'taskId' ? 'task_id' : name === 'keyId' ? 'key_id' : name}}`)}`);
      }
    }
  }
  return routes;
}

describe('the committed OpenAPI document', () => {
  const doc = parse(readFileSync(join(root, 'apps', 'gateway', 'openapi.yaml'), 'utf8'));

  it('documents every route the gateway serves', () => {
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries<any>(doc.paths)) for (const m of Object.keys(ops)) documented.add(`${m} ${path}`);
    const routes = declaredRoutes();
    assert.ok(routes.length > 40, `found only ${routes.length} routes: the scan is broken`);
    const missing = routes.filter((r) => !documented.has(r));
    assert.deepEqual(missing, [], `routes missing from apps/gateway/openapi.yaml: ${missing.join(', ')}`);
  });

  it('has only OpenAPI fields in each operation (an unquoted comma in a flow-style summary splits it into stray keys)', () => {
    const allowed = new Set(['summary', 'description', 'parameters', 'requestBody', 'responses', 'tags', 'operationId', 'security', 'deprecated']);
    const stray: string[] = [];
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        if (method === 'parameters' || typeof op !== 'object') continue;
        for (const k of Object.keys(op)) if (!allowed.has(k) && !k.startsWith('x-')) stray.push(`${method} ${path}: ${k}`);
      }
    }
    assert.deepEqual(stray, []);
  });

  it('resolves every $ref', () => {
    const text = JSON.stringify(doc);
    for (const m of text.matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)) {
      assert.ok(doc.components?.[m[1]]?.[m[2]], `unresolved $ref ${m[0]}`);
    }
  });
});
