/**
 * Python number formatting on JavaScript doubles: float repr, and the exact decimal rounding
 * (round-half-even on the double's exact binary value) behind round(), '%.2f' and '{:.2e}'.
 * JavaScript's toFixed/toExponential round exact ties up instead (2.5 → 3, Python → 2).
 */

/** The double as an exact decimal: |x| = digits × 10^-scale. */
function exactDecimal(x: number): { digits: bigint; scale: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp2: number;
  if (biased === 0) exp2 = -1074;
  else {
    mantissa |= 1n << 52n;
    exp2 = biased - 1075;
  }
  if (exp2 >= 0) return { digits: mantissa << BigInt(exp2), scale: 0 };
  return { digits: mantissa * 5n ** BigInt(-exp2), scale: -exp2 };
}

/** `value / 10^drop` rounded half to even. */
function roundDrop(value: bigint, drop: number): bigint {
  if (drop <= 0) return value * 10n ** BigInt(-drop);
  const unit = 10n ** BigInt(drop);
  const q = value / unit;
  const r = value % unit;
  const twice = r * 2n;
  if (twice > unit || (twice === unit && q % 2n === 1n)) return q + 1n;
  return q;
}

/** |x| rounded half-even to `places` decimals (may be negative), as an integer count of 10^-places. */
function roundedUnits(x: number, places: number): bigint {
  const { digits, scale } = exactDecimal(x);
  return roundDrop(digits, scale - places);
}

/** Python's '%.{places}f' (places ≥ 0). */
export function toFixed(x: number, places: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const units = roundedUnits(x, places)
    .toString()
    .padStart(places + 1, '0');
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  return places ? `${sign}${units.slice(0, -places)}.${units.slice(-places)}` : `${sign}${units}`;
}

/** Python's '%.{places}e': mantissa digits and the decimal exponent. */
export function toExponential(x: number, places: number, upper = false): string {
  if (!Number.isFinite(x)) return nonFinite(x, upper);
  const { mantissa, exp } = significant(x, places + 1);
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const m = places ? `${mantissa[0]}.${mantissa.slice(1)}` : mantissa;
  return `${sign}${m}${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** `count` significant digits of |x| (half-even) and the exponent of the first one. */
function significant(x: number, count: number): { mantissa: string; exp: number } {
  if (x === 0) return { mantissa: '0'.repeat(count), exp: 0 };
  const { digits, scale } = exactDecimal(x);
  const len = digits.toString().length;
  let exp = len - 1 - scale;
  let q = roundDrop(digits, len - count).toString();
  if (q.length > count) {
    q = q.slice(0, count);
    exp++;
  }
  return { mantissa: q, exp };
}

/** Python's '%.{precision}g' (also the no-type format with a precision). */
export function toGeneral(x: number, precision: number, upper = false, alternate = false): string {
  if (!Number.isFinite(x)) return nonFinite(x, upper);
  const p = precision === 0 ? 1 : precision;
  const exp = x === 0 ? 0 : significant(x, p).exp;
  let out = exp < -4 || exp >= p ? toExponential(x, p - 1, upper) : toFixed(x, p - 1 - exp);
  // Trailing zeros go, and the point with them when nothing follows it.
  if (!alternate) out = out.replace(/^([^eE]*\.\d*?)0+(?=$|[eE])/, '$1').replace(/\.(?=$|[eE])/, '');
  return out;
}

function nonFinite(x: number, upper = false): string {
  const s = Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  return upper ? s.toUpperCase() : s;
}

/** repr() of a Python float: the shortest round-tripping digits, exponent outside 1e-4 ≤ |x| < 1e16. */
export function floatRepr(x: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [m, e] = Math.abs(x).toExponential().split('e');
  const exp = Number(e);
  const digits = m.replace('.', '');
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${whole}.${frac || '0'}`;
}

/** Python's round(x, ndigits) for a float: correctly rounded, ties to even. */
export function roundFloat(x: number, ndigits: number): number {
  if (!Number.isFinite(x)) return x;
  if (ndigits > 308) return x;
  if (ndigits < -308) return 0 * Math.sign(x);
  const units = roundedUnits(x, ndigits);
  const sign = x < 0 ? -1 : 1;
  return sign * Number(ndigits >= 0 ? `${units}e-${ndigits}` : `${units}e${-ndigits}`);
}

/** Python's round(n, ndigits) for an int: unchanged unless ndigits < 0, then ties to even. */
export function roundInt(n: bigint, ndigits: number): bigint {
  if (ndigits >= 0) return n;
  const neg = n < 0n;
  const r = roundDrop(neg ? -n : n, -ndigits) * 10n ** BigInt(-ndigits);
  return neg ? -r : r;
}
