import { Injectable } from '@nestjs/common';
import { encode } from 'gpt-tokenizer';

/**
 * Counts tokens with the cl100k/o200k BPE of gpt-tokenizer. Used when a provider does not
 * report usage, and to fit conversation memory into the model's context budget.
 */
@Injectable()
export class TokenCounter {
  count(text: string): number {
    if (!text) return 0;
    // Very long strings: BPE is linear but not free; an estimate is good enough past 64k chars.
    if (text.length > 65_536) return Math.ceil(text.length / 4);
    return encode(text).length;
  }

  countMessages(messages: { content: unknown }[]): number {
    let n = 0;
    for (const m of messages) {
      n += 4; // role and separators, as OpenAI counts them
      if (typeof m.content === 'string') n += this.count(m.content);
      else if (Array.isArray(m.content)) {
        for (const p of m.content as { type: string; text?: string }[]) n += p.type === 'text' ? this.count(p.text ?? '') : 85;
      }
    }
    return n + 2;
  }
}
