import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import * as contracts from '@sluice/contracts';
import { Contract, ServiceName, Services } from '@sluice/contracts';
import { ChatModule } from '../../apps/chat/src/chat.module';
import { DatasetModule } from '../../apps/dataset/src/dataset.module';
import { WorkflowModule } from '../../apps/workflow/src/workflow.module';

type ModuleRef = { new (...args: never[]): unknown } | { module: ModuleRef; imports?: unknown[]; controllers?: unknown[] } | Promise<unknown> | undefined;

/** Every message pattern a module (and what it imports) handles, read from the @MessagePattern metadata. */
function handledPatterns(root: ModuleRef): Set<string> {
  const out = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (m: ModuleRef) => {
    if (!m || m instanceof Promise || seen.has(m)) return;
    seen.add(m);
    const cls = ('module' in m ? m.module : m) as object;
    const extra = 'module' in m ? m : { imports: [], controllers: [] };
    const imports = [...(Reflect.getMetadata('imports', cls) ?? []), ...(extra.imports ?? [])] as ModuleRef[];
    const controllers = [...(Reflect.getMetadata('controllers', cls) ?? []), ...(extra.controllers ?? [])] as { prototype: object }[];
    for (const c of controllers) {
      for (const name of Object.getOwnPropertyNames(c.prototype)) {
        const fn = (c.prototype as Record<string, unknown>)[name];
        const patterns = typeof fn === 'function' ? (Reflect.getMetadata(PATTERN_METADATA, fn) as unknown[] | undefined) : undefined;
        for (const p of patterns ?? []) out.add(String(p));
      }
    }
    imports.forEach(visit);
  };
  visit(root);
  return out;
}

/** Every contract exported by @sluice/contracts, found by walking its contract groups. */
function allContracts(): Contract[] {
  const found: Contract[] = [];
  const walk = (v: unknown) => {
    if (!v || typeof v !== 'object') return;
    if ('pattern' in v && 'service' in v && 'request' in v) return void found.push(v as Contract);
    Object.values(v).forEach(walk);
  };
  for (const [name, v] of Object.entries(contracts)) if (name.endsWith('Contracts')) walk(v);
  return found;
}

describe('message contracts', () => {
  const handled: Partial<Record<ServiceName, Set<string>>> = {
    [Services.chat]: handledPatterns(ChatModule),
    [Services.workflow]: handledPatterns(WorkflowModule),
    [Services.dataset]: handledPatterns(DatasetModule),
  };
  const all = allContracts();

  it('every contract has a handler in the service it declares, so the gateway never sends a message nobody answers', () => {
    assert.ok(all.length > 150, `found ${all.length} contracts`);
    const missing = all.filter((c) => !handled[c.service]?.has(c.pattern)).map((c) => `${c.service}: ${c.pattern}`);
    assert.deepEqual(missing, []);
  });

  it('every handled message has a contract, and no pattern is declared twice for one service', () => {
    const declared = new Set(all.map((c) => `${c.service}:${c.pattern}`));
    assert.equal(declared.size, all.length, 'a pattern is declared twice');
    const orphans = Object.entries(handled).flatMap(([svc, set]) => [...set!].filter((p) => !declared.has(`${svc}:${p}`)).map((p) => `${svc}: ${p}`));
    assert.deepEqual(orphans, []);
  });
});
