export interface CleaningRules {
  /** Dify `remove_extra_spaces`: 3+ newlines → 2, runs of horizontal whitespace → one space. */
  removeExtraSpaces?: boolean;
  /** Dify `remove_urls_emails`: drop URLs and e-mail addresses, keep Markdown images intact. */
  removeUrlsEmails?: boolean;
}

// C0 controls except \t and \n, DEL, U+FFFE/U+FFFF noncharacters, and lone surrogates (which
// PostgreSQL rejects when the text is stored). Dify's pattern also strips "ï¿¾" (a bytes-vs-str
// bug), which eats French/German letters; we do not copy that.
const CONTROL = /[\x00-\x08\x0B-\x1F\x7F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SPACE_RUN = /[\t\f\v \u00a0\u1680\u180e\u2000-\u200a\u202f\u205f\u3000]{2,}/g;
// Lines that hold only whitespace count as blank, so "\n \n \n" collapses like "\n\n\n".
const BLANK_RUN = /\n(?:[ \t]*\n){2,}/g;
const MD_IMAGE = String.raw`!\[[^\]\n]*\]\([^)\s]*(?:\s+"[^"\n]*")?\)`;
const MD_LINK = String.raw`\[([^\]\n]*)\]\((?:https?:\/\/|mailto:|www\.)[^)\s]*(?:\s+"[^"\n]*")?\)`;
const URL = String.raw`\bhttps?:\/\/[^\s<>()\[\]"']+|\bwww\.[^\s<>()\[\]"']+`;
const EMAIL = String.raw`[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`;
const URLS_EMAILS = new RegExp(`(${MD_IMAGE})|${MD_LINK}|${URL}|${EMAIL}`, 'g');

/**
 * Dify's CleanProcessor rules. Differences on purpose: CRLF/CR become LF (so a Windows file's
 * "\r\n\r\n\r\n" collapses too); a Markdown link keeps its text ("[docs](https://…)" → "docs", where
 * Dify leaves "[docs]()"); an image keeps its alt text (Dify rewrites it to "image").
 */
export function cleanText(text: string, rules: CleaningRules = {}): string {
  let out = text.replace(/\r\n?/g, '\n').replace(/<\|/g, '<').replace(/\|>/g, '>').replace(CONTROL, '');
  if (rules.removeUrlsEmails) {
    out = out.replace(URLS_EMAILS, (match: string, image: string | undefined, linkText: string | undefined) => image ?? linkText ?? '');
  }
  if (rules.removeExtraSpaces) {
    out = out.replace(SPACE_RUN, ' ').replace(BLANK_RUN, '\n\n');
  }
  return out;
}

/** Reads Dify's `pre_processing_rules` array. */
export function cleaningRulesFrom(preProcessingRules: readonly { id: string; enabled: boolean }[] | undefined): CleaningRules {
  const on = (id: string) => !!preProcessingRules?.some((r) => r.id === id && r.enabled);
  return { removeExtraSpaces: on('remove_extra_spaces'), removeUrlsEmails: on('remove_urls_emails') };
}
