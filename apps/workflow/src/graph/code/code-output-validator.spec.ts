import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CodeNode } from '../nodes/code.node';
import { VariablePool } from '../variable-pool';
import { validateCodeOutputs } from './code-output-validator';
import { PythonSandboxService } from './python-sandbox.service';

const codeNode = new CodeNode(new PythonSandboxService({ codeExecution: {} }));
const runCode = (code: string, outputs?: Record<string, unknown>) =>
  codeNode.execute(
    { id: 'c', data: { type: 'code', code, outputs } },
    { tenantId: 't', pool: new VariablePool({}), signal: new AbortController().signal, chunk: () => undefined },
  );

describe('code node output limits (Dify CODE_MAX_*)', () => {
  it('returns the declared outputs, type-checked, in a real sandbox run', async () => {
    const res = await runCode(
      'function main() { return { s: "a\\u0000b", n: 1.5, ok: true, o: { name: "x", tags: ["a"] }, ss: ["x", null], ns: [1, 2.25], os: [{ id: 1 }, null] }; }',
      {
        s: { type: 'string' },
        n: { type: 'number' },
        ok: { type: 'boolean' },
        o: { type: 'object', children: { name: { type: 'string' }, tags: { type: 'array[string]' } } },
        ss: { type: 'array[string]' },
        ns: { type: 'array[number]' },
        os: { type: 'array[object]' },
      },
    );
    assert.deepEqual(res.outputs, { s: 'ab', n: 1.5, ok: true, o: { name: 'x', tags: ['a'] }, ss: ['x', null], ns: [1, 2.25], os: [{ id: 1 }, null] });
  });

  it('fails a node whose result breaks its declared types, naming the variable', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['return { n: "12" }', { n: { type: 'number' } }, /code node c: Output variable `n` must be a number, got string/],
      ['return { s: 5 }', { s: { type: 'string' } }, /Output variable `s` must be a string/],
      ['return { b: 1 }', { b: { type: 'boolean' } }, /Output variable `b` must be a boolean/],
      ['return { o: [1] }', { o: { type: 'object' } }, /Output o is not an object, got array instead/],
      ['return { xs: "a,b" }', { xs: { type: 'array[string]' } }, /Output xs is not an array, got string instead/],
      ['return { xs: ["a", 2] }', { xs: { type: 'array[string]' } }, /Output variable `xs\[1\]` must be a string/],
      ['return { os: [{}, 3] }', { os: { type: 'array[object]' } }, /Output os\[1\] is not an object, got number instead at index 1/],
      [
        'return { o: { inner: { v: "x" } } }',
        { o: { type: 'object', children: { inner: { type: 'object', children: { v: { type: 'number' } } } } } },
        /Output variable `o\.inner\.v` must be a number/,
      ],
      ['return {}', { needed: { type: 'string' } }, /Output needed is missing/],
      ['return { a: "x", stray: 1 }', { a: { type: 'string' } }, /Output stray is not declared in the node's outputs/],
    ];
    for (const [body, outputs, expected] of cases) await assert.rejects(runCode(`function main() { ${body}; }`, outputs), expected, body);
  });

  it("enforces Dify's size limits: string length, array lengths, number range and precision, depth", () => {
    assert.throws(
      () => validateCodeOutputs({ s: 'x'.repeat(80_001) }, { s: { type: 'string' } }),
      /length of output variable `s` must be less than 80000 characters/,
    );
    assert.equal((validateCodeOutputs({ s: 'x'.repeat(80_000) }, { s: { type: 'string' } }).s as string).length, 80_000);
    assert.throws(() => validateCodeOutputs({ xs: Array(31).fill('a') }, { xs: { type: 'array[string]' } }), /`xs` must be less than 30 elements/);
    assert.equal((validateCodeOutputs({ xs: Array(30).fill('a') }, { xs: { type: 'array[string]' } }).xs as unknown[]).length, 30);
    assert.throws(() => validateCodeOutputs({ os: Array(31).fill({}) }, { os: { type: 'array[object]' } }), /`os` must be less than 30 elements/);
    assert.throws(() => validateCodeOutputs({ ns: Array(1001).fill(1) }, { ns: { type: 'array[number]' } }), /`ns` must be less than 1000 elements/);
    assert.equal((validateCodeOutputs({ ns: Array(1000).fill(1) }, { ns: { type: 'array[number]' } }).ns as unknown[]).length, 1000);
    assert.throws(() => validateCodeOutputs({ n: 2 ** 63 }, { n: { type: 'number' } }), /`n` is out of range/);
    assert.throws(() => validateCodeOutputs({ n: -1e20 }, { n: { type: 'number' } }), /`n` is out of range/);
    assert.equal(validateCodeOutputs({ n: 2 ** 62 }, { n: { type: 'number' } }).n, 2 ** 62);
    assert.throws(() => validateCodeOutputs({ n: 1.5e-21 }, { n: { type: 'number' } }), /`n` has too high precision/);
    assert.equal(validateCodeOutputs({ n: 0.1 + 0.2 }, { n: { type: 'number' } }).n, 0.30000000000000004);
    // Depth counts the result itself as 1 (Dify's CODE_MAX_DEPTH = 5).
    assert.deepEqual(validateCodeOutputs({ a: { b: { c: { d: { e: 1 } } } } }), { a: { b: { c: { d: { e: 1 } } } } });
    assert.throws(() => validateCodeOutputs({ a: { b: { c: { d: { e: { f: 1 } } } } } }), /Depth limit 5 reached, object too deep \(at a\.b\.c\.d\.e\)/);
    assert.throws(() => validateCodeOutputs({ o: { a: { b: { c: { d: { e: 1 } } } } } }, { o: { type: 'object' } }), /Depth limit 5 reached/);
  });

  it('checks undeclared results by their values: one type per array, the same limits', () => {
    assert.deepEqual(validateCodeOutputs({ rows: [['a', 'b'], ['c']], items: [{ n: 1 }], flag: false, none: null }), {
      rows: [['a', 'b'], ['c']],
      items: [{ n: 1 }],
      flag: false,
      none: null,
    });
    assert.throws(() => validateCodeOutputs({ mixed: [1, 'a'] }), /Output mixed is not a valid array/);
    assert.throws(() => validateCodeOutputs({ tags: Array(31).fill('t') }), /`tags` must be less than 30 elements/);
    assert.throws(() => validateCodeOutputs({ deep: { x: 'y'.repeat(80_001) } }), /`deep\.x` must be less than 80000 characters/);
  });
});
