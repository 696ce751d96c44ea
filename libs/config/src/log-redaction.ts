/**
 * Scrubs secrets from a finished log line, whatever put them there: an error message quoting a
 * URL with its password, a provider's "Incorrect API key provided: sk-…", a stack with a token.
 * Applied to the serialized line, so no field or message can bypass it.
 */
const PATTERNS: [RegExp, string][] = [
  // Authorization headers and anything that looks like one
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, '$1 [REDACTED]'],
  // JWTs (console/web sessions, passports)
  [/\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g, '[REDACTED_JWT]'],
  // Sluice/Dify API keys and OpenAI-style keys
  [/\b(app|dataset)-[A-Za-z0-9]{16,}/g, '$1-[REDACTED]'],
  [/\bsk-[A-Za-z0-9_-]{6,}/g, 'sk-[REDACTED]'],
  // credentials inside URLs: scheme://user:password@host
  [/([a-z][a-z0-9+.-]*:\/\/[^:/\s"'@]*:)[^@\s"'/]+@/gi, '$1[REDACTED]@'],
  // JSON fields named like secrets
  [
    /("(?:password|new_password|api_key|apiKey|secret|secret_key|token|access_token|refresh_token|authorization|cookie)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi,
    '$1"[REDACTED]"',
  ],
];

/** A function that redacts the given secret values (and the patterns above) from a string. */
export function createRedactor(secrets: (string | undefined)[] = []): (line: string) => string {
  const literal = [...new Set(secrets.filter((s): s is string => !!s && s.length >= 6))].sort((a, b) => b.length - a.length);
  return (line: string) => {
    let out = line;
    for (const s of literal) if (out.includes(s)) out = out.split(s).join('[REDACTED]');
    for (const [re, to] of PATTERNS) out = out.replace(re, to);
    return out;
  };
}

/** The secret values of a configuration: what must never appear in a log line. */
export function configSecrets(cfg: {
  secretKey: string;
  openai: { apiKey?: string };
  qdrant: { apiKey?: string };
  codeExecution: { apiKey?: string };
  databaseUrl: string;
  redisUrl: string;
}): string[] {
  const passwordOf = (url: string) => {
    try {
      return decodeURIComponent(new URL(url).password) || undefined;
    } catch {
      return undefined;
    }
  };
  return [cfg.secretKey, cfg.openai.apiKey, cfg.qdrant.apiKey, cfg.codeExecution.apiKey, passwordOf(cfg.databaseUrl), passwordOf(cfg.redisUrl)].filter(
    (s): s is string => !!s,
  );
}
