import { Injectable, OnModuleDestroy } from '@nestjs/common';
import ivm from 'isolated-vm';
import { jinjaFilters } from './jinja-filters';
import { jinjaLex } from './jinja-lexer';
import { jinjaParse } from './jinja-parser';
import { jinjaRender } from './jinja-render';
import { jinjaValues } from './jinja-values';

export const TEMPLATE_TIMEOUT_MS = 5000;
export const TEMPLATE_MEMORY_MB = 64;
/** Dify's TEMPLATE_TRANSFORM_MAX_LENGTH. */
export const TEMPLATE_MAX_LENGTH = 400_000;

// The interpreter's own source is what runs in the isolate: the host never evaluates a template.
// Built-in prototypes are frozen once it is loaded, so no render can leave anything behind.
const PROGRAM = `${jinjaLex}\n${jinjaParse}\n${jinjaValues}\n${jinjaFilters}\n${jinjaRender}\n
const __h = jinjaValues();
const __lib = jinjaFilters(__h);
for (const o of [Object, Array, String, Number, Boolean, Map, Set, Function, RegExp, Error, JSON, Math, globalThis]) {
  Object.freeze(o);
  if (o.prototype) Object.freeze(o.prototype);
}
(function render(tpl, vars, max) { return jinjaRender(jinjaParse(jinjaLex(tpl)), JSON.parse(vars), __h, __lib, max); })`;

/**
 * Renders Jinja2 templates inside a V8 isolate with a heap cap and a time limit. Templates and
 * variables go in as strings (variables JSON-copied), only a string comes out. The interpreter
 * is loaded once per isolate (loading it per render cost ~5 ms); a template has no way to write
 * to that context (no globals, frozen prototypes, `__*` names refused), and the isolate is
 * recreated if a template exhausted its heap.
 */
export class TemplateSandbox implements OnModuleDestroy {
  private isolate?: ivm.Isolate;
  private loading?: Promise<{ isolate: ivm.Isolate; render: ivm.Reference }>;

  async render(template: string, vars: Record<string, unknown>, timeoutMs = TEMPLATE_TIMEOUT_MS): Promise<string> {
    const { isolate, render } = await this.ready();
    try {
      const out = await render.apply(undefined, [template, JSON.stringify(vars), TEMPLATE_MAX_LENGTH], { timeout: timeoutMs, result: { copy: true } });
      return String(out);
    } catch (err) {
      const msg = (err as Error)?.message ?? String(err);
      if (/Script execution timed out/.test(msg)) throw new Error(`template rendering timed out after ${timeoutMs} ms`);
      if (/memory limit|disposed/i.test(msg) || isolate.isDisposed) throw new Error(`template rendering exceeded the memory limit of ${TEMPLATE_MEMORY_MB} MB`);
      throw new Error(msg.replace(/^Error: /, ''));
    }
  }

  private ready(): Promise<{ isolate: ivm.Isolate; render: ivm.Reference }> {
    if (!this.loading || !this.isolate || this.isolate.isDisposed) {
      const isolate = (this.isolate = new ivm.Isolate({ memoryLimit: TEMPLATE_MEMORY_MB }));
      this.loading = (async () => {
        const context = await isolate.createContext();
        const render = (await context.eval(PROGRAM, { reference: true, filename: 'jinja-sandbox.js' })) as ivm.Reference;
        return { isolate, render };
      })();
      this.loading.catch(() => (this.loading = undefined));
    }
    return this.loading;
  }

  onModuleDestroy() {
    if (this.isolate && !this.isolate.isDisposed) this.isolate.dispose();
  }
}
