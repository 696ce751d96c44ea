import { Injectable } from '@nestjs/common';
import { ChatMessage, ChatPart, TokenCounter, modelInfo } from '@sluice/llm';

export interface PromptInput {
  mode: 'chat' | 'completion';
  model: string;
  prePrompt: string;
  inputs: Record<string, unknown>;
  query: string;
  /** newest first */
  history: { query: string; answer: string }[];
  images: { url: string; detail?: 'low' | 'high' | 'auto' }[];
  context?: string;
  maxCompletionTokens: number;
}

const CONTEXT_MARK = '{{#context#}}';

/** Substitutes `{{var}}` with input values; unknown variables become empty, like Dify. */
export function renderPrePrompt(template: string, inputs: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_m, name: string) => {
    const v = inputs[name];
    if (v === undefined || v === null) return '';
    return typeof v === 'string' ? v : JSON.stringify(v);
  });
}

@Injectable()
export class PromptBuilder {
  constructor(private readonly tokens: TokenCounter) {}

  build(p: PromptInput): ChatMessage[] {
    const vars = p.mode === 'completion' ? { ...p.inputs, query: p.query || p.inputs.query } : p.inputs;
    // Dify's `{{#context#}}` marks where a prompt wants the retrieved segments; without it they lead the system prompt.
    const placed = p.prePrompt.includes(CONTEXT_MARK);
    let system = renderPrePrompt(p.prePrompt, vars)
      .split(CONTEXT_MARK)
      .join(p.context ?? '');
    if (p.context && !placed) {
      const ctx = `Use the following context as your learned knowledge, inside <context></context> XML tags.\n<context>\n${p.context}\n</context>\nWhen answering the user, do not mention that you obtained the information from the context.`;
      system = system ? `${ctx}\n\n${system}` : ctx;
    }
    const userContent = (text: string): string | ChatPart[] =>
      p.images.length ? [{ type: 'text', text }, ...p.images.map((i) => ({ type: 'image_url' as const, image_url: { url: i.url, detail: i.detail } }))] : text;

    if (p.mode === 'completion') {
      // A completion app's whole prompt is the rendered template; the query is one of its variables.
      const text = system || p.query;
      return [{ role: 'user', content: userContent(text) }];
    }
    const head: ChatMessage[] = system ? [{ role: 'system', content: system }] : [];
    const tail: ChatMessage = { role: 'user', content: userContent(p.query) };
    const turns = p.history.filter((turn) => turn.query || turn.answer);
    if (!turns.length) return [...head, tail];
    const room = modelInfo(p.model).contextTokens - p.maxCompletionTokens;
    // Most conversations fit with room to spare: the size bound says so without the tokenizer (~20 µs a message).
    const fits =
      [...head, tail].reduce((n, m) => n + tokenBound(m.content), 0) + turns.reduce((n, t) => n + tokenBound(t.query) + tokenBound(t.answer), 0) <= room;
    const budget = fits ? Infinity : room - this.tokens.countMessages([...head, tail]);
    const memory: ChatMessage[] = [];
    let used = 0;
    for (const turn of turns) {
      const cost = fits ? 0 : this.tokens.count(turn.query) + this.tokens.count(turn.answer) + 8;
      if (used + cost > budget) break;
      used += cost;
      memory.unshift({ role: 'user', content: turn.query }, { role: 'assistant', content: turn.answer });
    }
    return [...head, ...memory, tail];
  }
}

/**
 * At least a message's token count as `countMessages` makes it: a byte-level BPE token is at least one
 * byte, so the UTF-8 size bounds the text; an image counts Dify's flat 85; 8 covers the separators.
 */
function tokenBound(content: ChatMessage['content']): number {
  const parts = typeof content === 'string' ? [content] : content.map((part) => (part.type === 'text' ? part.text : 85));
  return parts.reduce<number>((n, part) => n + (typeof part === 'number' ? part : Buffer.byteLength(part)), 8);
}
