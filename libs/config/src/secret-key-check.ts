/**
 * SECRET_KEY signs every console/web token and encrypts provider credentials: a guessable or
 * published key (the `CHANGE_ME` of an example manifest) lets anyone mint an admin session.
 * Outside development and test, such a key stops the process at boot.
 */

/** Words that only a placeholder or a copied example contains. */
const PLACEHOLDER = /change[_-]?me|placeholder|replace[_-]?me|your[_-]?secret|secret[_-]?key|example|dummy|insecure|default/i;

/** 32 bytes, the size of `openssl rand -hex 32`, `openssl rand -base64 32` and the generated key. */
export const MIN_SECRET_KEY_BITS = 256;

export const SECRET_KEY_HINT = 'generate one with `openssl rand -hex 32` (or leave SECRET_KEY unset for `npm start` to generate one into DATA_DIR)';

/**
 * Entropy as an attacker guessing the alphabet would count it: length × log2(size of the character
 * classes used). Hex keys count 4 bits a character, base64 keys 6; a long key of few distinct
 * characters (`aaaa…`, `abab…`) is capped by its Shannon entropy.
 */
export function estimateSecretBits(key: string): number {
  const chars = [...key];
  if (!chars.length) return 0;
  let alphabet: number;
  if (/^[0-9a-f]+$/.test(key) || /^[0-9A-F]+$/.test(key)) alphabet = 16;
  else {
    alphabet = 0;
    if (/[a-z]/.test(key)) alphabet += 26;
    if (/[A-Z]/.test(key)) alphabet += 26;
    if (/[0-9]/.test(key)) alphabet += 10;
    if (/[^A-Za-z0-9]/.test(key)) alphabet += 33;
  }
  const perChar = Math.log2(alphabet);
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let shannon = 0;
  for (const n of counts.values()) shannon -= (n / chars.length) * Math.log2(n / chars.length);
  // Random keys reach ~90% of log2(alphabet) per character; far below that means repetition.
  const bitsPerChar = shannon < perChar * 0.6 ? shannon : perChar;
  return Math.floor(chars.length * bitsPerChar);
}

/** Why this key must not be used in production, or undefined when it is fine. */
export function secretKeyProblem(key: string): string | undefined {
  if (PLACEHOLDER.test(key)) return 'SECRET_KEY is a placeholder value (it contains a word like CHANGE_ME); ' + SECRET_KEY_HINT;
  const bits = estimateSecretBits(key);
  if (bits < MIN_SECRET_KEY_BITS) {
    return `SECRET_KEY is too weak (about ${bits} bits; at least ${MIN_SECRET_KEY_BITS} bits, i.e. 32 random bytes, are required); ${SECRET_KEY_HINT}`;
  }
  return undefined;
}

export const isDevelopmentEnv = (nodeEnv: string) => nodeEnv === 'development' || nodeEnv === 'test';
