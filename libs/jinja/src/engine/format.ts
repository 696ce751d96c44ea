import { fail } from './errors';
import { floatRepr, toExponential, toFixed, toGeneral } from './numbers';
import { pyStr, repr } from './py';
import { type DictKey, type Kwargs, Markup, PyFloat, Tuple, Undefined, type Value, isFloat, isInt, isStr, num, strOf, typeName } from './values';

// --- printf-style: 'text %s' % args and the |format filter ---

const PERCENT = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.?)/g;

/** Python's `fmt % arg`: a tuple gives the positional arguments, a dict the named ones. */
export function percentFormat(fmt: string, arg: Value): string {
  const positional = arg instanceof Tuple ? arg.items : [arg];
  const mapping = arg instanceof Map ? arg : null;
  let next = 0;
  let named = false;
  const take = (): Value => {
    if (next >= positional.length) fail('TypeError', 'not enough arguments for format string');
    return positional[next++];
  };
  const out = fmt.replace(
    PERCENT,
    (m, key: string | undefined, flags: string, width: string | undefined, prec: string | undefined, conv: string, at: number) => {
      if (conv === '%' && m === '%%') return '%';
      if (!conv) fail('ValueError', 'incomplete format');
      if (!'diouxXeEfFgGcrsa%'.includes(conv))
        fail('ValueError', `unsupported format character '${conv}' (0x${conv.charCodeAt(0).toString(16)}) at index ${at + m.length - 1}`);
      let value: Value;
      if (key !== undefined) {
        if (!mapping) fail('TypeError', 'format requires a mapping');
        named = true;
        value = mapping.has(key) ? mapping.get(key)! : fail('KeyError', `'${key}'`);
      }
      const w = width === '*' ? Number(num(asInt(take(), '*'))) : width ? Number(width) : 0;
      const p = prec === '*' ? Number(num(asInt(take(), '*'))) : prec !== undefined ? Number(prec || 0) : undefined;
      if (key === undefined) value = take();
      const body = convert(conv, value!, flags, p);
      return pad(body.text, w, flags.includes('-') ? '<' : '>', flags.includes('0') && body.numeric && !flags.includes('-') ? '0' : ' ', body.numeric);
    },
  );
  if (!named && next < positional.length && !(mapping && next === 0)) fail('TypeError', 'not all arguments converted during string formatting');
  return out;
}

function asInt(v: Value, conv: string): number | bigint {
  if (isInt(v)) return v;
  if (typeof v === 'boolean') return Number(v);
  return fail('TypeError', `%${conv} format: an integer is required, not ${typeName(v)}`);
}

function asReal(v: Value, conv: string): number {
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v instanceof PyFloat) return num(v);
  return fail(
    'TypeError',
    conv === 'd' || conv === 'i' || conv === 'u' ? `%${conv} format: a real number is required, not ${typeName(v)}` : `must be real number, not ${typeName(v)}`,
  );
}

function convert(conv: string, v: Value, flags: string, prec: number | undefined): { text: string; numeric: boolean } {
  const sign = (neg: boolean) => (neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '');
  switch (conv) {
    case 's':
    case 'r':
    case 'a': {
      const s = conv === 's' ? pyStr(v) : repr(v);
      return { text: prec === undefined ? s : s.slice(0, prec), numeric: false };
    }
    case 'c':
      return { text: isStr(v) ? strOf(v) : String.fromCodePoint(Number(num(asInt(v, 'c')))), numeric: false };
    case 'd':
    case 'i':
    case 'u': {
      const n = isInt(v) ? BigInt(v) : BigInt(Math.trunc(asReal(v, conv)));
      return { text: sign(n < 0n) + (n < 0n ? -n : n).toString(), numeric: true };
    }
    case 'x':
    case 'X':
    case 'o': {
      const n = BigInt(asInt(v, conv));
      const digits = (n < 0n ? -n : n).toString(conv === 'o' ? 8 : 16);
      const prefix = flags.includes('#') ? (conv === 'o' ? '0o' : conv === 'x' ? '0x' : '0X') : '';
      return { text: sign(n < 0n) + prefix + (conv === 'X' ? digits.toUpperCase() : digits), numeric: true };
    }
    default: {
      const x = asReal(v, conv);
      const p = prec ?? 6;
      const lower = conv.toLowerCase();
      const body =
        lower === 'f'
          ? toFixed(Math.abs(x), p)
          : lower === 'e'
            ? toExponential(Math.abs(x), p, conv === 'E')
            : toGeneral(Math.abs(x), p, conv === 'G', flags.includes('#'));
      return { text: sign(x < 0 || Object.is(x, -0)) + (conv === 'F' ? body.toUpperCase() : body), numeric: true };
    }
  }
}

function pad(text: string, width: number, align: string, fill: string, numeric: boolean): string {
  const n = [...text].length;
  if (n >= width) return text;
  const gap = width - n;
  if (align === '<') return text + fill.repeat(gap);
  if (align === '^') return fill.repeat(Math.floor(gap / 2)) + text + fill.repeat(gap - Math.floor(gap / 2));
  if ((align === '=' || fill === '0') && numeric) {
    const m = /^([-+ ]?(?:0[xXob])?)(.*)$/s.exec(text)!;
    return m[1] + fill.repeat(gap) + m[2];
  }
  return fill.repeat(gap) + text;
}

// --- str.format and its format-spec mini-language ---

const SPEC = /^(?:(.)?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/s;

/** format(value, spec) as Python's built-in format(). */
export function formatSpec(v: Value, spec: string): string {
  if (v instanceof Undefined) return spec ? fail('TypeError', 'unsupported format string passed to Undefined.__format__') : '';
  const m = SPEC.exec(spec);
  if (!m) return fail('ValueError', 'Invalid format specifier');
  const [, fillChar, alignChar, signChar, , alt, zero, widthS, group, precS, type] = m;
  const width = widthS ? Number(widthS) : 0;
  const prec = precS === undefined ? undefined : Number(precS);
  const fill = fillChar ?? (zero && !alignChar ? '0' : ' ');
  const numericValue = typeof v === 'number' || typeof v === 'bigint' || v instanceof PyFloat || (typeof v === 'boolean' && spec !== '');
  if (!numericValue) {
    if (!isStr(v)) return spec ? fail('TypeError', `unsupported format string passed to ${typeName(v)}.__format__`) : pyStr(v);
    if (type && type !== 's') fail('ValueError', `Unknown format code '${type}' for object of type 'str'`);
    const s = strOf(v);
    return pad(prec === undefined ? s : [...s].slice(0, prec).join(''), width, alignChar ?? '<', fill, false);
  }
  const value = v as number | bigint | boolean | PyFloat;
  const floaty = isFloat(value);
  const sign = (neg: boolean) => (neg ? '-' : signChar === '+' ? '+' : signChar === ' ' ? ' ' : '');
  let body: string;
  let negative: boolean;
  if (!floaty && (type === undefined || 'bcdoxXn'.includes(type))) {
    if (prec !== undefined) fail('ValueError', 'Precision not allowed in integer format specifier');
    const n = BigInt(typeof value === 'boolean' ? Number(value) : (value as number | bigint));
    negative = n < 0n;
    const abs = negative ? -n : n;
    const t = type ?? 'd';
    if (t === 'c') body = String.fromCodePoint(Number(abs));
    else {
      const base = t === 'b' ? 2 : t === 'o' ? 8 : t === 'x' || t === 'X' ? 16 : 10;
      body = abs.toString(base);
      if (t === 'X') body = body.toUpperCase();
      if (group) body = groupDigits(body, base === 10 ? 3 : 4, group);
      if (alt && base !== 10) body = (t === 'b' ? '0b' : t === 'o' ? '0o' : t === 'x' ? '0x' : '0X') + body;
    }
  } else {
    if (type && 'bcdoxX'.includes(type)) fail('ValueError', `Unknown format code '${type}' for object of type 'float'`);
    const x = num(value);
    negative = x < 0 || Object.is(x, -0);
    const abs = Math.abs(x);
    const t = type ?? '';
    if (t === 'f' || t === 'F') body = toFixed(abs, prec ?? 6);
    else if (t === 'e' || t === 'E') body = toExponential(abs, prec ?? 6, t === 'E');
    else if (t === 'g' || t === 'G' || t === 'n') body = toGeneral(abs, prec ?? 6, t === 'G', !!alt);
    else if (t === '%') body = toFixed(abs * 100, prec ?? 6) + '%';
    else if (prec === undefined) body = floaty ? floatRepr(abs) : String(abs);
    else {
      body = toGeneral(abs, prec, false, !!alt);
      if (!/[.e]|inf|nan/.test(body)) body += '.0';
    }
    if (t === 'F') body = body.toUpperCase();
    if (group) {
      const [whole, ...rest] = body.split('.');
      body = [groupDigits(whole, 3, group), ...rest].join('.');
    }
  }
  const text = sign(negative) + body;
  return pad(text, width, alignChar ?? (zero && !fillChar ? '=' : '>'), fill, true);
}

function groupDigits(digits: string, size: number, sep: string): string {
  const m = /^(\d+)(.*)$/.exec(digits);
  if (!m) return digits;
  let out = '';
  for (let i = m[1].length; i > 0; i -= size) out = m[1].slice(Math.max(0, i - size), i) + (out ? sep + out : '');
  return out + m[2];
}

/** Python's str.format(*args, **kwargs). */
export function strFormat(fmt: string, args: Value[], kwargs: Kwargs): string {
  let auto = 0;
  let mode: 'auto' | 'manual' | null = null;
  const field = (name: string): Value => {
    const m = /^([^.[]*)(.*)$/s.exec(name)!;
    let value: Value;
    if (m[1] === '' || /^\d+$/.test(m[1])) {
      const manual = m[1] !== '';
      if (mode && mode !== (manual ? 'manual' : 'auto'))
        fail(
          'ValueError',
          manual
            ? 'cannot switch from automatic field numbering to manual field specification'
            : 'cannot switch from manual field specification to automatic field numbering',
        );
      mode = manual ? 'manual' : 'auto';
      const i = manual ? Number(m[1]) : auto++;
      value = i < args.length ? args[i] : fail('IndexError', `Replacement index ${i} out of range for positional args tuple`);
    } else value = kwargs.has(m[1]) ? kwargs.get(m[1])! : fail('KeyError', `'${m[1]}'`);
    for (const part of m[2].matchAll(/\.([^.[]+)|\[([^\]]*)\]/g)) {
      if (part[1] !== undefined) fail('AttributeError', `'${typeName(value)}' object has no attribute '${part[1]}'`);
      const key: DictKey = /^\d+$/.test(part[2]) ? Number(part[2]) : part[2];
      if (value instanceof Map) value = value.has(key) ? value.get(key)! : fail('KeyError', repr(key as Value));
      else if ((Array.isArray(value) || value instanceof Tuple) && typeof key === 'number') {
        const items: Value[] = Array.isArray(value) ? value : value.items;
        value = key < items.length ? items[key] : fail('IndexError', 'list index out of range');
      } else fail('TypeError', `'${typeName(value)}' object is not subscriptable`);
    }
    return value;
  };
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i];
    if (c === '}') {
      if (fmt[i + 1] !== '}') fail('ValueError', "Single '}' encountered in format string");
      out += '}';
      i += 2;
      continue;
    }
    if (c !== '{') {
      out += c;
      i++;
      continue;
    }
    if (fmt[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    // A replacement field; its spec may hold nested fields ('{:{width}}').
    let depth = 1;
    let j = i + 1;
    while (j < fmt.length && depth) {
      if (fmt[j] === '{') depth++;
      else if (fmt[j] === '}') depth--;
      j++;
    }
    if (depth) fail('ValueError', "expected '}' before end of string");
    const inner = fmt.slice(i + 1, j - 1);
    const m = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/s.exec(inner);
    if (!m) fail('ValueError', 'Invalid conversion specification');
    let value = field(m![1]);
    if (m![2]) value = m![2] === 's' ? pyStr(value) : repr(value);
    const spec = (m![3] ?? '').replace(/\{([^{}]*)\}/g, (_x, name: string) => pyStr(field(name)));
    out += formatSpec(value, spec);
    i = j;
  }
  return out;
}

// --- json.dumps, as |tojson uses it ---

function jsonStr(s: string): string {
  return `"${s.replace(/[\\"]|[^ -~]/g, (c) => {
    if (c === '"' || c === '\\') return `\\${c}`;
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  })}"`;
}

function jsonNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return floatRepr(x);
}

/** Python's json.dumps(value, sort_keys=sortKeys, indent=indent) with ensure_ascii. */
export function jsonDumps(v: Value, indent: string | null, sortKeys: boolean, level = 0): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) && !Object.is(v, -0) ? String(v) : jsonNumber(v);
  if (v instanceof PyFloat) return jsonNumber(v.v);
  if (isStr(v)) return jsonStr(strOf(v));
  const open = (items: string[], l: string, r: string) => {
    if (!items.length) return l + r;
    if (indent === null) return l + items.join(', ') + r;
    const pad = '\n' + indent.repeat(level + 1);
    return l + pad + items.join(',' + pad) + '\n' + indent.repeat(level) + r;
  };
  if (Array.isArray(v) || v instanceof Tuple)
    return open(
      (Array.isArray(v) ? v : v.items).map((x) => jsonDumps(x, indent, sortKeys, level + 1)),
      '[',
      ']',
    );
  if (v instanceof Map) {
    const keys = [...v.keys()];
    if (sortKeys) keys.sort((a, b) => jsonKeyOrder(a, b));
    return open(
      keys.map((k) => `${jsonStr(jsonKey(k))}: ${jsonDumps(v.get(k)!, indent, sortKeys, level + 1)}`),
      '{',
      '}',
    );
  }
  return fail('TypeError', `Object of type ${typeName(v)} is not JSON serializable`);
}

function jsonKey(k: DictKey): string {
  if (k === null) return 'null';
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (typeof k === 'number') return Number.isInteger(k) ? String(k) : jsonNumber(k);
  return String(k);
}

function jsonKeyOrder(a: DictKey, b: DictKey): number {
  const ta = typeof a === 'string' ? 's' : 'n';
  const tb = typeof b === 'string' ? 's' : 'n';
  if (ta !== tb) fail('TypeError', `'<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
  return a! < b! ? -1 : a! > b! ? 1 : 0;
}

const HTML_SAFE: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', "'": '\\u0027' };

/** |tojson: JSON with sorted keys, safe to put in HTML. */
export function toJson(v: Value, indent: Value): Markup {
  const ind = indent === null || indent instanceof Undefined ? null : isStr(indent) ? strOf(indent) : ' '.repeat(Math.max(0, Number(num(indent as number))));
  return new Markup(jsonDumps(v, ind, true).replace(/[<>&']/g, (c) => HTML_SAFE[c]));
}
