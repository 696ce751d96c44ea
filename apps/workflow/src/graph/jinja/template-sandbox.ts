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

/** Isolates kept loaded: a runaway template holds one until its time limit, the others keep rendering. */
export const TEMPLATE_POOL_SIZE = 4;

interface Slot {
  isolate: ivm.Isolate;
  render: Promise<ivm.Reference>;
  /** renders running or queued on this isolate (an isolate runs one at a time) */
  busy: number;
}

/**
 * Renders Jinja2 templates inside V8 isolates with a heap cap and a time limit. Templates and
 * variables go in as strings (variables JSON-copied), only a string comes out. The interpreter
 * is loaded once per isolate (loading it per render cost ~5 ms); a template has no way to write
 * to that context (no globals, frozen prototypes, `__*` names refused). A render goes to an idle
 * isolate of a small pool, so one template spinning until its timeout delays no other; an
 * isolate whose heap a template exhausted is dropped and replaced.
 */
export class TemplateSandbox implements OnModuleDestroy {
  private slots: Slot[] = [];

  async render(template: string, vars: Record<string, unknown>, timeoutMs = TEMPLATE_TIMEOUT_MS): Promise<string> {
    const slot = this.acquire();
    slot.busy++;
    try {
      const render = await slot.render;
      const out = await render.apply(undefined, [template, JSON.stringify(vars), TEMPLATE_MAX_LENGTH], { timeout: timeoutMs, result: { copy: true } });
      return String(out);
    } catch (err) {
      const msg = (err as Error)?.message ?? String(err);
      if (/Script execution timed out/.test(msg)) throw new Error(`template rendering timed out after ${timeoutMs} ms`);
      if (/memory limit|disposed/i.test(msg) || slot.isolate.isDisposed) {
        this.drop(slot);
        throw new Error(`template rendering exceeded the memory limit of ${TEMPLATE_MEMORY_MB} MB`);
      }
      throw new Error(msg.replace(/^Error: /, ''));
    } finally {
      slot.busy--;
    }
  }

  /** How many isolates are loaded (for tests and metrics). */
  get size(): number {
    return this.slots.length;
  }

  private acquire(): Slot {
    this.slots = this.slots.filter((s) => !s.isolate.isDisposed);
    const idle = this.slots.find((s) => s.busy === 0);
    if (idle) return idle;
    if (this.slots.length < TEMPLATE_POOL_SIZE) return this.spawn();
    return this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  private spawn(): Slot {
    const isolate = new ivm.Isolate({ memoryLimit: TEMPLATE_MEMORY_MB });
    const render = (async () => {
      const context = await isolate.createContext();
      return (await context.eval(PROGRAM, { reference: true, filename: 'jinja-sandbox.js' })) as ivm.Reference;
    })();
    const slot: Slot = { isolate, render, busy: 0 };
    render.catch(() => this.drop(slot));
    this.slots.push(slot);
    return slot;
  }

  private drop(slot: Slot) {
    this.slots = this.slots.filter((s) => s !== slot);
    if (!slot.isolate.isDisposed) slot.isolate.dispose();
  }

  onModuleDestroy() {
    for (const s of this.slots) if (!s.isolate.isDisposed) s.isolate.dispose();
    this.slots = [];
  }
}
