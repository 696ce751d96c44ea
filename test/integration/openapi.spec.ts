import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isApiPath } from '../../apps/gateway/src/console-ui/console-static.service';
import { declaredRoutes, openApiDocument } from '../support/gateway-routes';

describe('the committed OpenAPI document', () => {
  const doc = openApiDocument();

  it('documents every route the gateway serves', () => {
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries<any>(doc.paths)) for (const m of Object.keys(ops)) documented.add(`${m} ${path}`);
    const routes = declaredRoutes();
    assert.ok(routes.length > 40, `found only ${routes.length} routes: the scan is broken`);
    const missing = routes.filter((r) => !documented.has(r));
    assert.deepEqual(missing, [], `routes missing from apps/gateway/openapi.yaml: ${missing.join(', ')}`);
  });

  it('never lets the web console answer a documented route (its SPA fallback would shadow it with index.html)', () => {
    const shadowed = Object.keys(doc.paths).filter((p) => !isApiPath(p.replace(/\{[^}]+\}/g, 'x')));
    assert.deepEqual(shadowed, [], 'add their prefixes to API_PATH_PREFIXES in apps/gateway/src/console-ui/console-static.service.ts');
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
