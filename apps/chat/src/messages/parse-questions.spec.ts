import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuestions } from './messages.service';

describe('parseQuestions', () => {
  it('reads a JSON array even inside prose or code fences', () => {
    assert.deepEqual(parseQuestions('Sure:\n```json\n["a?", "b?", "c?", "d?"]\n```'), ['a?', 'b?', 'c?']);
  });
  it('falls back to one question per line', () => {
    assert.deepEqual(parseQuestions('1. first?\n2) second?\n- third?'), ['first?', 'second?', 'third?']);
  });
});
