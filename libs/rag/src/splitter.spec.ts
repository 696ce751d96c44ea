import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextSplitter, charLength } from './splitter';

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

describe('TextSplitter', () => {
  it('never returns a chunk longer than the size, measured in characters', () => {
    const inputs = [words(2000), '中'.repeat(3000), 'x'.repeat(5000), `${'Sentence number one. '.repeat(200)}\n\n${'。句子'.repeat(500)}`, '😀'.repeat(700)];
    for (const size of [50, 97, 500]) {
      const splitter = new TextSplitter({ chunkSize: size, chunkOverlap: 10 });
      for (const text of inputs) {
        const chunks = splitter.split(text);
        assert.ok(chunks.length > 1);
        for (const c of chunks) assert.ok(charLength(c) <= size, `chunk of ${charLength(c)} > ${size}`);
      }
    }
  });

  it('counts astral characters (emoji) as one, like Python len', () => {
    assert.equal(charLength('a😀b'), 3);
    const chunks = new TextSplitter({ chunkSize: 100 }).split('😀'.repeat(250));
    assert.deepEqual(chunks.map(charLength), [100, 100, 50]);
  });

  it('repeats trailing context as overlap between consecutive chunks', () => {
    const chunks = new TextSplitter({ chunkSize: 100, chunkOverlap: 30 }).split(words(200));
    for (let i = 1; i < chunks.length; i++) {
      const firstWord = chunks[i].split(' ')[0];
      assert.ok(chunks[i - 1].includes(firstWord), `chunk ${i} should start with text from chunk ${i - 1}`);
    }
    const noOverlap = new TextSplitter({ chunkSize: 100, chunkOverlap: 0 }).split(words(200));
    assert.ok(!noOverlap[0].includes(noOverlap[1].split(' ')[0]));
  });

  it('loses no text when there is no overlap', () => {
    const text = 'Alpha beta. Gamma delta. '.repeat(100).trim();
    const chunks = new TextSplitter({ chunkSize: 60 }).split(text);
    assert.equal(chunks.join(' ').replace(/\s+/g, ' '), text);
  });

  it('with a fixed separator, makes one chunk per piece and splits only over-long pieces (Dify custom)', () => {
    const splitter = new TextSplitter({ chunkSize: 50, fixedSeparator: '\n' });
    const chunks = splitter.split(`short one\n\nshort two\n${'long '.repeat(30)}`);
    assert.deepEqual(chunks.slice(0, 2), ['short one', 'short two']);
    assert.ok(chunks.length > 3);
    assert.ok(chunks.every((c) => charLength(c) <= 50));
  });

  it('prefers paragraph, sentence, then line boundaries', () => {
    const para = 'First sentence here. Second sentence here.';
    const chunks = new TextSplitter({ chunkSize: 50 }).split(`${para}\n\n${para}`);
    assert.deepEqual(chunks, ['First sentence here. Second sentence here.', 'First sentence here. Second sentence here.']);
    const lines = new TextSplitter({ chunkSize: 40 }).split('line one ends.\nline two ends.\nline three ends.\nline four.');
    assert.ok(
      lines.every((c) => c.endsWith('.')),
      JSON.stringify(lines),
    );
  });

  it('splits Chinese on 。 and keeps the full stop with its sentence', () => {
    const chunks = new TextSplitter({ chunkSize: 12 }).split('第一句话很短。第二句话也很短。第三句。');
    assert.deepEqual(chunks, ['第一句话很短。', '第二句话也很短。第三句。']);
  });

  it('drops empty chunks and strips a leading full stop', () => {
    assert.deepEqual(new TextSplitter({ chunkSize: 50, fixedSeparator: '\n' }).split('\n\n  \n. after dot\n。中文'), ['after dot', '中文']);
  });
});
