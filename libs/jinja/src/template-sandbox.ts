import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ivm from 'isolated-vm';

export const TEMPLATE_TIMEOUT_MS = 5000;
export const TEMPLATE_MEMORY_MB = 64;
/** Dify's TEMPLATE_TRANSFORM_MAX_LENGTH. */
export const TEMPLATE_MAX_LENGTH = 400_000;
/** Isolates kept loaded: a runaway template holds one until its time limit, the others keep rendering. */
export const TEMPLATE_POOL_SIZE = 4;

let program: string | undefined;
/** V8's code cache for the program, made by the first isolate: later ones skip parsing it (~50 ms). */
let codeCache: ivm.ExternalCopy<ArrayBuffer> | undefined;

/**
 * The script each isolate runs once: the engine's compiled CommonJS modules (./engine/*.js, which
 * import only each other, so a few lines of `require` are all the loader needs), then built-in
 * prototypes frozen, leaving a render function. The host never evaluates a template.
 */
function engineProgram(): string {
  if (program) return program;
  const dir = join(__dirname, 'engine');
  const modules = readdirSync(dir)
    .filter((f) => f.endsWith('.js') && !f.endsWith('.spec.js'))
    .map((f) => `${JSON.stringify(`./${f.slice(0, -3)}`)}: function (exports, require, module) {\n${readFileSync(join(dir, f), 'utf8')}\n}`);
  program = `(function () {
  const defs = {${modules.join(',\n')}};
  const cache = new Map();
  function load(name) {
    if (cache.has(name)) return cache.get(name).exports;
    if (!Object.prototype.hasOwnProperty.call(defs, name)) throw new Error('the template engine cannot import ' + name);
    const module = { exports: {} };
    cache.set(name, module);
    defs[name](module.exports, load, module);
    return module.exports;
  }
  const engine = load('./engine');
  for (const o of [Object, Array, String, Number, Boolean, BigInt, Map, Set, Function, RegExp, Error, JSON, Math, DataView, ArrayBuffer, globalThis]) {
    Object.freeze(o);
    if (o.prototype) Object.freeze(o.prototype);
  }
  return function render(template, vars, maxLength) {
    return engine.renderJson(template, vars, maxLength);
  };
})()`;
  return program;
}

interface Slot {
  isolate: ivm.Isolate;
  render: Promise<ivm.Reference>;
  /** renders running or queued on this isolate (an isolate runs one at a time) */
  busy: number;
}

/**
 * Renders Jinja2 templates inside V8 isolates with a heap cap and a time limit. Templates and
 * variables go in as strings (variables JSON-copied), only a string comes out. The engine is
 * loaded once per isolate (loading it per render cost ~5 ms); a template has no way to write to
 * that context (no globals, frozen prototypes, values held in Maps). A render goes to an idle
 * isolate of a small pool, so one template spinning until its timeout delays no other; an
 * isolate whose heap a template exhausted is dropped and replaced.
 */
export class TemplateSandbox {
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
      const options = codeCache ? { cachedData: codeCache, filename: 'jinja-engine.js' } : { produceCachedData: true, filename: 'jinja-engine.js' };
      // compileScript's declared type leaves out the cached data it returns.
      const script = (await isolate.compileScript(engineProgram(), options)) as ivm.Script & ivm.CachedDataResult;
      if (!codeCache && script.cachedData) codeCache = script.cachedData;
      return (await script.run(context, { reference: true })) as ivm.Reference;
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
