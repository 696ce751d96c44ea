/**
 * Q&A documents (Dify's `doc_form: qa_model`): each chunk of the text is turned by an LLM into
 * question/answer pairs; the question is what gets embedded and matched, the answer is what the
 * segment returns. These are the model-independent halves: the prompt and the reply parser.
 */

export interface QaPair {
  question: string;
  answer: string;
}

export interface QaPromptMessage {
  role: 'system' | 'user';
  content: string;
}

/** Longest language name accepted into the prompt (doc_language is user input). */
const MAX_LANGUAGE = 50;

export function qaPromptMessages(text: string, language: string): QaPromptMessage[] {
  const lang =
    language
      .replace(/[\r\n]+/g, ' ')
      .trim()
      .slice(0, MAX_LANGUAGE) || 'English';
  return [
    {
      role: 'system',
      content:
        'You turn a passage of a document into question-and-answer pairs for a knowledge base that people search with their own questions.\n' +
        '- Use only facts stated in the passage; do not add outside knowledge.\n' +
        '- Cover each distinct fact, definition, step or figure a reader might ask about.\n' +
        '- Make every question self-contained: name its subject instead of writing "it" or "the passage".\n' +
        '- Make every answer complete on its own.\n' +
        `- Write all questions and answers in ${lang}, whatever the language of the passage.\n` +
        'Reply with the pairs only, numbered, in exactly this format:\nQ1: <question>\nA1: <answer>\nQ2: <question>\nA2: <answer>',
    },
    { role: 'user', content: text },
  ];
}

const PAIR = /(?:^|\n)[ \t*#>-]*Q(\d+)[ \t*]*[:：][ \t*]*([\s\S]*?)\n[ \t*#>-]*A\1[ \t*]*[:：][ \t*]*([\s\S]*?)(?=\n[ \t*#>-]*Q\d+[ \t*]*[:：]|$)/g;

/** The pairs in a model's reply, in order; pairs with an empty question or answer are left out. */
export function parseQaPairs(reply: string): QaPair[] {
  const text = reply.replace(/\r\n?/g, '\n');
  const pairs: QaPair[] = [];
  for (const m of text.matchAll(PAIR)) {
    const question = tidy(m[2]);
    const answer = tidy(m[3]);
    if (question && answer) pairs.push({ question, answer });
  }
  return pairs;
}

function tidy(s: string): string {
  return s.replace(/\*\*$/g, '').trim();
}
