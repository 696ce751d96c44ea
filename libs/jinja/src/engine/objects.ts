import type { Stmt } from './ast';
import { fail } from './errors';
import { eq, iterate, pyStr, truthy } from './py';
import { type Dict, Namespace, PyFunction, PyObject, PyRange, Tuple, Undefined, type Value, dictKey, isInt, num, typeName } from './values';

/** A sequence a loop walks by index: ranges stay lazy, so a huge one runs into the time limit instead of allocating. */
export interface Seq {
  length: number;
  at(i: number): Value;
}

export class LoopContext extends PyObject {
  readonly typeName = 'LoopContext';
  index0 = 0;
  private last: Value[] | undefined;
  constructor(
    private readonly seq: Seq,
    private readonly depth0: number,
    private readonly recurse: ((items: Value, depth0: number) => string) | null,
  ) {
    super();
  }
  override getattr(name: string): Value | undefined {
    const n = this.seq.length;
    const i = this.index0;
    switch (name) {
      case 'index':
        return i + 1;
      case 'index0':
        return i;
      case 'revindex':
        return n - i;
      case 'revindex0':
        return n - i - 1;
      case 'first':
        return i === 0;
      case 'last':
        return i === n - 1;
      case 'length':
        return n;
      case 'depth':
        return this.depth0 + 1;
      case 'depth0':
        return this.depth0;
      case 'previtem':
        return i > 0 ? this.seq.at(i - 1) : new Undefined(undefined, undefined, 'there is no previous item');
      case 'nextitem':
        return i < n - 1 ? this.seq.at(i + 1) : new Undefined(undefined, undefined, 'there is no next item');
      case 'cycle':
        return new PyFunction('cycle', (args) => (args.length ? args[i % args.length] : fail('TypeError', 'no items for cycling given')), 'LoopContext');
      case 'changed':
        return new PyFunction(
          'changed',
          (args) => {
            const changed = !this.last || !eq(new Tuple(this.last), new Tuple(args));
            this.last = args;
            return changed;
          },
          'LoopContext',
        );
    }
    return undefined;
  }
  override call(args: Value[]): Value {
    if (!this.recurse) return fail('TypeError', "The loop must have the 'recursive' marker to be called recursively.");
    return this.recurse(args[0] ?? null, this.depth0 + 1);
  }
  override repr(): string {
    return `<LoopContext ${this.index0 + 1}/${this.seq.length}>`;
  }
}

const intArg = (v: Value): number =>
  isInt(v) || typeof v === 'boolean' ? Number(num(v)) : fail('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);

/** Jinja2's default globals: range, dict, namespace, cycler, joiner, lipsum; and `self` for blocks. */
export function globalFunctions(blocks: Map<string, Stmt[]>, renderBlock: (body: Stmt[]) => string): Map<string, Value> {
  const g = new Map<string, Value>();
  g.set(
    'range',
    new PyFunction('range', (a) => {
      if (!a.length || a.length > 3) fail('TypeError', `range expected at most 3 arguments, got ${a.length}`);
      const n = a.map(intArg);
      return n.length === 1 ? new PyRange(0, n[0], 1) : new PyRange(n[0], n[1], n[2] ?? 1);
    }),
  );
  g.set(
    'dict',
    new PyFunction('dict', (a, kw) => {
      const d: Dict =
        a[0] instanceof Map
          ? new Map(a[0])
          : new Map(
              a.length
                ? iterate(a[0]).map((p) => {
                    const [k, v] = iterate(p);
                    return [dictKey(k), v];
                  })
                : [],
            );
      for (const [k, v] of kw) d.set(k, v);
      return d;
    }),
  );
  g.set(
    'namespace',
    new PyFunction('namespace', (a, kw) => {
      const ns = new Namespace();
      if (a[0] instanceof Map) for (const [k, v] of a[0]) ns.attrs.set(String(k), v);
      for (const [k, v] of kw) ns.attrs.set(k, v);
      return ns;
    }),
  );
  g.set('cycler', new PyFunction('cycler', (items) => new Cycler(items)));
  g.set(
    'joiner',
    new PyFunction('joiner', (a) => {
      const sep = a.length ? pyStr(a[0]) : ', ';
      let used = false;
      return new PyFunction('joiner', () => {
        if (used) return sep;
        used = true;
        return '';
      });
    }),
  );
  g.set('lipsum', new PyFunction('lipsum', (a, kw) => lipsum(intArg(a[0] ?? kw.get('n') ?? 5), truthy(a[1] ?? kw.get('html') ?? true))));
  g.set(
    'self',
    new (class extends PyObject {
      readonly typeName = 'TemplateReference';
      override getattr(name: string): Value | undefined {
        const body = blocks.get(name);
        return body ? new PyFunction(name, () => renderBlock(body)) : undefined;
      }
    })(),
  );
  return g;
}

class Cycler extends PyObject {
  readonly typeName = 'Cycler';
  private pos = 0;
  constructor(private readonly items: Value[]) {
    super();
    if (!items.length) fail('RuntimeError', 'at least one item has to be provided');
  }
  override getattr(name: string): Value | undefined {
    if (name === 'current') return this.items[this.pos];
    if (name === 'next')
      return new PyFunction(
        'next',
        () => {
          const v = this.items[this.pos];
          this.pos = (this.pos + 1) % this.items.length;
          return v;
        },
        'Cycler',
      );
    if (name === 'reset')
      return new PyFunction(
        'reset',
        () => {
          this.pos = 0;
          return null;
        },
        'Cycler',
      );
    return undefined;
  }
}

const LOREM = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'.split(' ');
function lipsum(n: number, html: boolean): string {
  const paragraphs = Array.from({ length: n }, () => {
    const words = Array.from({ length: 20 + Math.floor(Math.random() * 80) }, () => LOREM[Math.floor(Math.random() * LOREM.length)]);
    const p = words.join(' ');
    return p[0].toUpperCase() + p.slice(1) + '.';
  });
  return html ? paragraphs.map((p) => `<p>${p}</p>`).join('\n') : paragraphs.join('\n\n');
}
