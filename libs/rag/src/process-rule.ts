import { z } from 'zod';
import { ProcessRuleValidationError } from './rag.errors';

/**
 * Dify calls the chunk size `max_tokens`, but since 0.15 it counts CHARACTERS (Python `len`, i.e.
 * Unicode code points), not model tokens. We keep the field name for API compatibility and the
 * unit for behavioural compatibility: a rule that gives 500-character chunks in Dify gives them here.
 */
export const CHUNK_SIZE_UNIT = 'characters' as const;
/** Dify's INDEXING_MAX_SEGMENTATION_TOKENS_LENGTH default. */
export const MAX_SEGMENTATION_LENGTH = 4000;
export const MIN_SEGMENTATION_LENGTH = 50;

export type ProcessMode = 'automatic' | 'custom' | 'hierarchical';
export type ParentMode = 'paragraph' | 'full-doc';

export interface Segmentation {
  /** Already unescaped: "\\n" from Dify's UI arrives here as a real newline. */
  separator: string;
  max_tokens: number;
  chunk_overlap: number;
}

/** A fully defaulted rule in Dify's JSON shape (what `dataset_process_rules.rules` stores). */
export interface ProcessRule {
  mode: ProcessMode;
  rules: {
    pre_processing_rules: { id: 'remove_extra_spaces' | 'remove_urls_emails'; enabled: boolean }[];
    segmentation: Segmentation;
    parent_mode?: ParentMode;
    subchunk_segmentation?: Segmentation;
  };
}

export const AUTOMATIC_RULES: ProcessRule['rules'] = {
  pre_processing_rules: [
    { id: 'remove_extra_spaces', enabled: true },
    { id: 'remove_urls_emails', enabled: false },
  ],
  segmentation: { separator: '\n', max_tokens: 500, chunk_overlap: 50 },
};
/** The recursive fallbacks Dify passes for both automatic and custom rules. */
export const DIFY_RECURSIVE_SEPARATORS = ['\n\n', '。', '. ', ' ', ''] as const;
/**
 * Ours: Dify's list plus "\n" before " ". PDF pages and hard-wrapped text have line breaks but rarely
 * "\n\n" or ". " (a sentence ends in ".\n"), so Dify falls through to single spaces and cuts chunks
 * mid-line; with "\n" they end at line ends. Sizes and overlap semantics are unchanged.
 */
export const RECURSIVE_SEPARATORS = ['\n\n', '。', '. ', '\n', ' ', ''] as const;

const DEFAULT_PARENT: Segmentation = { separator: '\n\n', max_tokens: 500, chunk_overlap: 0 };
const DEFAULT_CHILD: Segmentation = { separator: '\n', max_tokens: 200, chunk_overlap: 0 };

/** Dify's UI sends the separator JSON-escaped ("\\n"); Dify itself only unescapes \n. */
export function unescapeSeparator(separator: string): string {
  return separator.replace(/\\n/g, '\n').replace(/\\r/g, '\r').replace(/\\t/g, '\t');
}

const size = z
  .number({ invalid_type_error: 'must be a number', required_error: 'is required' })
  .int('must be a whole number')
  .min(MIN_SEGMENTATION_LENGTH, `must be between ${MIN_SEGMENTATION_LENGTH} and ${MAX_SEGMENTATION_LENGTH} (characters)`)
  .max(MAX_SEGMENTATION_LENGTH, `must be between ${MIN_SEGMENTATION_LENGTH} and ${MAX_SEGMENTATION_LENGTH} (characters)`);

const segmentation = z
  .object({
    separator: z.string({ invalid_type_error: 'must be a string' }).optional(),
    max_tokens: size,
    chunk_overlap: z.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').optional(),
  })
  .superRefine((s, ctx) => {
    if (s.chunk_overlap !== undefined && s.chunk_overlap >= s.max_tokens) {
      ctx.addIssue({ code: 'custom', path: ['chunk_overlap'], message: `must be smaller than max_tokens (${s.max_tokens})` });
    }
  });

const preRule = z.object({
  id: z.enum(['remove_extra_spaces', 'remove_urls_emails'], { errorMap: () => ({ message: 'must be "remove_extra_spaces" or "remove_urls_emails"' }) }),
  enabled: z.boolean({ invalid_type_error: 'must be true or false', required_error: 'is required' }),
});

export const processRuleSchema = z.object({
  mode: z.enum(['automatic', 'custom', 'hierarchical'], { errorMap: () => ({ message: 'must be one of automatic, custom, hierarchical' }) }),
  rules: z
    .object(
      {
        pre_processing_rules: z.array(preRule, { invalid_type_error: 'must be an array' }).optional(),
        segmentation: segmentation.optional(),
        parent_mode: z.enum(['paragraph', 'full-doc'], { errorMap: () => ({ message: 'must be "paragraph" or "full-doc"' }) }).optional(),
        subchunk_segmentation: segmentation.optional(),
      },
      { invalid_type_error: 'must be an object' },
    )
    .passthrough()
    .nullish(),
});

function fill(s: z.infer<typeof segmentation> | undefined, fallback: Segmentation): Segmentation {
  if (!s) return { ...fallback };
  return { separator: unescapeSeparator(s.separator ?? fallback.separator), max_tokens: s.max_tokens, chunk_overlap: s.chunk_overlap ?? 0 };
}

/**
 * Validates a Dify `process_rule` and fills Dify's defaults. Throws `ProcessRuleValidationError`
 * whose `field` is the dotted path (e.g. "process_rule.rules.segmentation.max_tokens") and whose
 * message reads "process_rule.rules.segmentation.max_tokens must be between 50 and 4000 (characters)".
 */
export function parseProcessRule(input: unknown, field = 'process_rule'): ProcessRule {
  if (input === undefined || input === null) throw new ProcessRuleValidationError(field, `${field} is required`);
  const parsed = processRuleSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = [field, ...issue.path].join('.');
    const message = issue.code === 'invalid_type' && issue.received === 'undefined' ? 'is required' : issue.message;
    throw new ProcessRuleValidationError(path, `${path} ${message}`);
  }
  const { mode, rules } = parsed.data;
  if (mode === 'automatic') return { mode, rules: structuredClone(AUTOMATIC_RULES) };
  if (mode === 'custom' && !rules?.segmentation) {
    throw new ProcessRuleValidationError(`${field}.rules.segmentation`, `${field}.rules.segmentation is required when mode is "custom"`);
  }
  const pre = rules?.pre_processing_rules ?? AUTOMATIC_RULES.pre_processing_rules;
  const out: ProcessRule = {
    mode,
    rules: {
      pre_processing_rules: pre.map((r) => ({ ...r })),
      // Dify defaults a custom separator to "\n"; a hierarchical parent to "\n\n" (paragraphs).
      segmentation: fill(rules?.segmentation, mode === 'custom' ? { ...DEFAULT_PARENT, separator: '\n' } : DEFAULT_PARENT),
    },
  };
  if (mode === 'hierarchical') {
    out.rules.parent_mode = rules?.parent_mode ?? 'paragraph';
    out.rules.subchunk_segmentation = fill(rules?.subchunk_segmentation, DEFAULT_CHILD);
  }
  return out;
}

/** Non-throwing variant for request validation. */
export function validateProcessRule(input: unknown, field = 'process_rule'): { ok: true; rule: ProcessRule } | { ok: false; field: string; message: string } {
  try {
    return { ok: true, rule: parseProcessRule(input, field) };
  } catch (err) {
    if (err instanceof ProcessRuleValidationError) return { ok: false, field: err.field, message: err.message };
    throw err;
  }
}
