/**
 * Dify's limits on what a code node may return (CODE_MAX_* defaults of Dify's config). Values
 * beyond them would bloat the variable pool and every event that carries it.
 */
export const CODE_LIMITS = {
  maxStringLength: 80_000,
  // 2^63 - 1 is not a double; anything from 2^63 on is out of Python's int64 range.
  maxNumber: 2 ** 63,
  minNumber: -(2 ** 63),
  maxPrecision: 20,
  maxDepth: 5,
  maxStringArrayLength: 30,
  maxObjectArrayLength: 30,
  maxNumberArrayLength: 1000,
} as const;

/** A node's declared output: `outputs: {name: {type, children}}`. */
export interface DeclaredOutput {
  type: string;
  children?: Record<string, DeclaredOutput> | null;
}

const L = CODE_LIMITS;
const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const isObject = (v: unknown): v is Record<string, unknown> => kind(v) === 'object';

/** Decimal places of a number as Python's Decimal(str(x)).normalize() counts them. */
function decimals(n: number): number {
  if (Number.isInteger(n)) return 0;
  const [mantissa, exp] = String(n).toLowerCase().split('e');
  const frac = (mantissa.split('.')[1] ?? '').replace(/0+$/, '').length;
  return Math.max(0, frac - Number(exp ?? 0));
}

function checkString(v: unknown, name: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw new Error(`Output variable \`${name}\` must be a string, got ${kind(v)}`);
  if (v.length > L.maxStringLength) throw new Error(`The length of output variable \`${name}\` must be less than ${L.maxStringLength} characters`);
  return v.replace(/\u0000/g, '');
}

function checkNumber(v: unknown, name: string): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number') throw new Error(`Output variable \`${name}\` must be a number, got ${kind(v)}`);
  if (v >= L.maxNumber || v <= L.minNumber)
    throw new Error(`Output variable \`${name}\` is out of range, it must be between -9223372036854775807 and 9223372036854775807`);
  if (decimals(v) > L.maxPrecision) throw new Error(`Output variable \`${name}\` has too high precision, it must be less than ${L.maxPrecision} digits`);
  return v;
}

function checkBoolean(v: unknown, name: string): boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'boolean') throw new Error(`Output variable \`${name}\` must be a boolean, got ${kind(v)}`);
  return v;
}

function checkArray(v: unknown, name: string, max: number): unknown[] | null {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v)) throw new Error(`Output ${name} is not an array, got ${kind(v)} instead`);
  if (v.length > max) throw new Error(`The length of output variable \`${name}\` must be less than ${max} elements`);
  return v;
}

/**
 * Checks a code node's result against its declared `outputs` (type per variable, `children` of
 * objects), or by the values' own types when nothing is declared, and returns what the node
 * outputs. Errors name the offending variable by its path (`a.b[2]`).
 */
export function validateCodeOutputs(result: Record<string, unknown>, declared?: Record<string, DeclaredOutput> | null): Record<string, unknown> {
  return isObject(declared) && Object.keys(declared).length ? bySchema(result, declared, '', 1) : byValue(result, '', 1);
}

function bySchema(result: Record<string, unknown>, schema: Record<string, DeclaredOutput>, prefix: string, depth: number): Record<string, unknown> {
  if (depth > L.maxDepth) throw new Error(`Depth limit ${L.maxDepth} reached, object too deep (at ${prefix})`);
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (!Object.prototype.hasOwnProperty.call(result, key)) throw new Error(`Output ${name} is missing`);
    const v = result[key];
    switch (spec.type) {
      case 'string':
        out[key] = checkString(v, name);
        break;
      case 'number':
      case 'integer':
      case 'float':
        out[key] = checkNumber(v, name);
        break;
      case 'boolean':
        out[key] = checkBoolean(v, name);
        break;
      case 'object':
        if (v === null || v === undefined) out[key] = null;
        else if (!isObject(v)) throw new Error(`Output ${name} is not an object, got ${kind(v)} instead`);
        else out[key] = spec.children && Object.keys(spec.children).length ? bySchema(v, spec.children, name, depth + 1) : byValue(v, name, depth + 1);
        break;
      case 'array[string]':
        out[key] = checkArray(v, name, L.maxStringArrayLength)?.map((x, i) => checkString(x, `${name}[${i}]`)) ?? null;
        break;
      case 'array[number]':
        out[key] = checkArray(v, name, L.maxNumberArrayLength)?.map((x, i) => checkNumber(x, `${name}[${i}]`)) ?? null;
        break;
      case 'array[boolean]':
        out[key] = checkArray(v, name, L.maxNumberArrayLength)?.map((x, i) => checkBoolean(x, `${name}[${i}]`)) ?? null;
        break;
      case 'array[object]':
        out[key] =
          checkArray(v, name, L.maxObjectArrayLength)?.map((x, i) => {
            if (x === null || x === undefined) return null;
            if (!isObject(x)) throw new Error(`Output ${name}[${i}] is not an object, got ${kind(x)} instead at index ${i}`);
            return spec.children && Object.keys(spec.children).length
              ? bySchema(x, spec.children, `${name}[${i}]`, depth + 1)
              : byValue(x, `${name}[${i}]`, depth + 1);
          }) ?? null;
        break;
      default:
        throw new Error(`Output ${name}: type ${spec.type} is not supported`);
    }
  }
  const extra = Object.keys(result).filter((k) => !Object.prototype.hasOwnProperty.call(schema, k));
  if (extra.length)
    throw new Error(
      `Output ${extra.map((k) => (prefix ? `${prefix}.${k}` : k)).join(', ')} ${extra.length > 1 ? 'are' : 'is'} not declared in the node's outputs`,
    );
  return out;
}

/** Without a declaration every value is checked by what it is; arrays must hold one type. */
function byValue(result: Record<string, unknown>, prefix: string, depth: number): Record<string, unknown> {
  if (depth > L.maxDepth) throw new Error(`Depth limit ${L.maxDepth} reached, object too deep (at ${prefix})`);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(result)) {
    const name = prefix ? `${prefix}.${key}` : key;
    out[key] = checkValue(v, name, depth);
  }
  return out;
}

function checkValue(v: unknown, name: string, depth: number): unknown {
  switch (kind(v)) {
    case 'null':
      return null;
    case 'string':
      return checkString(v, name);
    case 'number':
      return checkNumber(v, name);
    case 'boolean':
      return v;
    case 'object':
      return byValue(v as Record<string, unknown>, name, depth + 1);
    case 'array': {
      const xs = v as unknown[];
      const kinds = new Set(xs.filter((x) => x !== null).map(kind));
      if (kinds.size > 1) throw new Error(`Output ${name} is not a valid array, make sure all elements are of the same type`);
      const k = [...kinds][0];
      const max = k === 'string' ? L.maxStringArrayLength : k === 'object' || k === 'array' ? L.maxObjectArrayLength : L.maxNumberArrayLength;
      if (xs.length > max) throw new Error(`The length of output variable \`${name}\` must be less than ${max} elements`);
      return xs.map((x, i) =>
        x === null ? null : k === 'array' ? checkNested(x as unknown[], `${name}[${i}]`, depth + 1) : checkValue(x, `${name}[${i}]`, depth),
      );
    }
    default:
      throw new Error(`Output ${name} is not a valid type`);
  }
}

/** A list inside a list counts one level deeper, like an object would. */
function checkNested(xs: unknown[], name: string, depth: number): unknown {
  if (depth > L.maxDepth) throw new Error(`Depth limit ${L.maxDepth} reached, object too deep (at ${name})`);
  return checkValue(xs, name, depth);
}
