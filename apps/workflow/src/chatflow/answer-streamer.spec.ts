import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Graph } from '../graph/graph.types';
import { AnswerStreamer } from './answer-streamer';

const n = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, data: { type, ...data } });
const e = (source: string, target: string, sourceHandle = 'source') => ({ source, target, sourceHandle });
const started = (node_id: string) => ({ event: 'node_started', data: { node_id } });
const finished = (node_id: string, outputs: Record<string, unknown>) => ({ event: 'node_finished', data: { node_id, outputs } });
const chunk = (node_id: string, text: string) => ({ event: 'text_chunk', data: { text, from_variable_selector: [node_id, 'text'] } });

describe('AnswerStreamer', () => {
  it('streams literal text, then LLM tokens as they come, then the rest once values are final', () => {
    const graph: Graph = {
      nodes: [n('start', 'start'), n('llm', 'llm'), n('a', 'answer', { answer: 'Hi {{#sys.name#}}: {{#llm.text#}} / {{#conversation.n#}}' })],
      edges: [e('start', 'llm'), e('llm', 'a')],
    };
    const s = new AnswerStreamer(graph, { name: 'Ada' }, {});
    assert.deepEqual(s.feed(started('start')), ['Hi ', 'Ada', ': ']);
    assert.deepEqual(s.feed(started('llm')), []);
    assert.deepEqual(s.feed(chunk('llm', 'one ')), ['one ']);
    assert.deepEqual(s.feed(chunk('llm', 'two')), ['two']);
    assert.deepEqual(s.feed(finished('llm', { text: 'one two' })), [' / '], 'a conversation variable may still change: it waits for the node');
    assert.deepEqual(s.feed(started('a')), []);
    assert.deepEqual(s.feed(finished('a', { answer: 'Hi Ada: one two / 3' })), ['3']);
    assert.equal(s.answer, 'Hi Ada: one two / 3');
  });

  it('does not stream an answer behind a branch until it starts, and keeps graph order', () => {
    const graph: Graph = {
      nodes: [
        n('start', 'start'),
        n('if', 'if-else'),
        n('yes', 'answer', { answer: 'Y{{#llm.text#}}' }),
        n('no', 'answer', { answer: 'N' }),
        n('llm', 'llm'),
        n('first', 'answer', { answer: 'F ' }),
      ],
      edges: [e('start', 'first'), e('first', 'if'), e('if', 'llm', 'case1'), e('llm', 'yes'), e('if', 'no', 'false')],
    };
    const s = new AnswerStreamer(graph, {}, {});
    assert.deepEqual(s.feed(started('start')), ['F ']);
    assert.deepEqual(s.feed(finished('first', { answer: 'F ' })), []);
    assert.deepEqual(s.feed(started('if')), [], 'neither branch is promised yet');
    assert.deepEqual(s.feed(started('llm')), ['Y']);
    assert.deepEqual(s.feed(chunk('llm', 'es')), ['es']);
    assert.deepEqual(s.feed(finished('yes', { answer: 'Yes' })), []);
    assert.equal(s.answer, 'F Yes');
  });
});
