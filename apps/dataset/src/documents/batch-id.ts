import { randomInt } from 'node:crypto';

/** Dify's batch ids: local timestamp (YYYYMMDDHHMMSS) followed by six random digits. */
export function newBatchId(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const ts = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return ts + String(randomInt(100000, 1000000));
}
