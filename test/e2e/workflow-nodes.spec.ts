import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeDocx, makePdf } from '../../libs/rag/src/testing/fixtures';
import { createAdminAndApp, http, sse } from '../support/http-client';
import { TestPlatform, startTestPlatform } from '../support/test-platform';

const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type: 'custom', data: { type, title: id, ...data } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, sourceHandle: 'source', targetHandle: 'target' });

describe('workflow nodes: Jinja2 templates, document extraction', () => {
  let t: TestPlatform;
  let token: string;

  before(async () => {
    t = await startTestPlatform();
    ({ token } = await createAdminAndApp(t.base, undefined, 'workflow'));
  });
  after(async () => t?.stop());

  async function publish(graph: unknown): Promise<string> {
    const app = await createAdminAndApp(t.base, undefined, 'workflow');
    const saved = await http(t.base, 'POST', `/console/api/apps/${app.appId}/workflows/draft`, { token, body: { graph } });
    assert.equal(saved.status, 200, saved.text);
    await http(t.base, 'POST', `/console/api/apps/${app.appId}/workflows/publish`, { token });
    return app.key;
  }
  const templateGraph = (template: string) => ({
    nodes: [
      node('start', 'start', {
        variables: [
          { variable: 'items', label: 'items', type: 'paragraph', required: false },
          { variable: 'name', label: 'name', type: 'text-input', required: false },
        ],
      }),
      node('code', 'code', {
        code_language: 'javascript',
        variables: [{ variable: 'raw', value_selector: ['start', 'items'] }],
        code: 'function main({ raw }) { return { list: raw ? JSON.parse(raw) : [] }; }',
      }),
      node('tpl', 'template-transform', {
        variables: [
          { variable: 'items', value_selector: ['code', 'list'] },
          { variable: 'name', value_selector: ['start', 'name'] },
        ],
        template,
      }),
      node('end', 'end', { outputs: [{ variable: 'out', value_selector: ['tpl', 'output'] }] }),
    ],
    edges: [edge('start', 'code'), edge('code', 'tpl'), edge('tpl', 'end')],
  });

  it('renders Jinja2 templates in template-transform nodes', async () => {
    const key = await publish(
      templateGraph(
        [
          'Order for {{ name | title }}:',
          '{% for it in items if it.qty > 0 -%}',
          '{{ loop.index }}. {{ it.sku | upper }} x{{ it.qty }}{% if it.qty >= 10 %} (bulk){% endif %} = {{ "%.2f" | format(it.qty * it.price) }}',
          '{% endfor -%}',
          '{% set total = items | map(attribute="qty") | sum %}Total items: {{ total }}{# not shown #}',
        ].join('\n'),
      ),
    );
    const items = [
      { sku: 'ab-1', qty: 2, price: 1.5 },
      { sku: 'zero', qty: 0, price: 9 },
      { sku: 'cd-2', qty: 10, price: 0.25 },
    ];
    const r = await http(t.base, 'POST', '/v1/workflows/run', {
      token: key,
      body: { inputs: { items: JSON.stringify(items), name: 'ada lovelace' }, response_mode: 'blocking', user: 'u' },
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.data.status, 'succeeded', r.body.data.error);
    assert.equal(r.body.data.outputs.out, 'Order for Ada Lovelace:\n1. AB-1 x2 = 3.00\n2. CD-2 x10 (bulk) = 2.50\nTotal items: 12');
  });

  it('keeps templates in their sandbox: escape attempts fail as node errors, runaway loops hit the time limit', async () => {
    const attempts: [string, RegExp | string][] = [
      ["{{ ''.__class__ }}{{ name.__proto__ }}{{ name.constructor }}", ''],
      ["{{ [].constructor.constructor('return process')().pid }}", /UndefinedError/],
      ['{{ name.constructor.constructor("return this")().process }}', /UndefinedError/],
      ['{% set name.__proto__ = 1 %}', /non-namespace/],
      ["{{ ''.__class__.__mro__[1].__subclasses__() }}", /UndefinedError/],
    ];
    for (const [template, expected] of attempts) {
      const key = await publish(templateGraph(template));
      const s = await sse(t.base, '/v1/workflows/run', key, { inputs: { name: 'x' }, response_mode: 'streaming', user: 'u' });
      assert.equal(s.status, 200);
      const fin = s.events.at(-1);
      assert.equal(fin.event, 'workflow_finished');
      if (typeof expected === 'string') {
        assert.equal(fin.data.status, 'succeeded', template);
        assert.equal(fin.data.outputs.out, expected);
      } else {
        const tpl = s.events.find((e) => e.event === 'node_finished' && e.data.node_id === 'tpl').data;
        assert.equal(tpl.status, 'failed', template);
        assert.match(tpl.error, expected);
        assert.doesNotMatch(tpl.error, /\bpid\b|\d{3,}/, 'nothing from the host leaks into the error');
      }
    }
    const key = await publish(templateGraph('{% for i in range(1000000000) %}{% for j in range(1000000000) %}{% endfor %}{% endfor %}'));
    const t0 = Date.now();
    const r = await http(t.base, 'POST', '/v1/workflows/run', { token: key, body: { inputs: {}, user: 'u' } });
    assert.equal(r.status, 200);
    assert.equal(r.body.data.status, 'failed');
    assert.match(r.body.data.error, /template rendering timed out after 5000 ms/);
    assert.ok(Date.now() - t0 < 9000);
    const health = await http(t.base, 'GET', '/health');
    assert.equal(health.status, 200, 'the platform is still up');
  });

  it('extracts the text of uploaded txt, docx and pdf files (one file or a list)', async () => {
    const key = await publish({
      nodes: [
        node('start', 'start', {
          variables: [
            { variable: 'doc', label: 'doc', type: 'file', required: true },
            { variable: 'more', label: 'more', type: 'file-list', required: false },
          ],
        }),
        node('one', 'document-extractor', { variable_selector: ['start', 'doc'] }),
        node('many', 'document-extractor', { variable_selector: ['start', 'more'] }),
        node('end', 'end', {
          outputs: [
            { variable: 'one', value_selector: ['one', 'text'] },
            { variable: 'many', value_selector: ['many', 'text'] },
          ],
        }),
      ],
      edges: [edge('start', 'one'), edge('one', 'many'), edge('many', 'end')],
    });
    const upload = async (bytes: Buffer, name: string, type: string) => {
      const fd = new FormData();
      fd.append('file', new Blob([bytes], { type }), name);
      fd.append('user', 'u');
      const up = await http(t.base, 'POST', '/v1/files/upload', { token: key, raw: fd });
      assert.equal(up.status, 201, up.text);
      return { type: 'document', transfer_method: 'local_file', upload_file_id: up.body.id };
    };
    const txt = await upload(Buffer.from('First paragraph.\n\nSecond paragraph, café.'), 'notes.txt', 'text/plain');
    const docx = await upload(await makeDocx(), 'report.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const pdf = await upload(await makePdf(2, (p) => [`Page ${p} says hello`]), 'deck.pdf', 'application/pdf');
    const r = await http(t.base, 'POST', '/v1/workflows/run', { token: key, body: { inputs: { doc: txt, more: [docx, pdf] }, user: 'u' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.data.status, 'succeeded', r.body.data.error);
    const out = r.body.data.outputs;
    assert.equal(out.one, 'First paragraph.\n\nSecond paragraph, café.');
    assert.equal(out.many.length, 2);
    assert.match(out.many[0], /User Guide[\s\S]*Run the installer and follow the prompts\.[\s\S]*apt install x[\s\S]*Ask us anything\./);
    assert.match(out.many[1], /Page 1 says hello[\s\S]*Page 2 says hello/);

    const ghost = await http(t.base, 'POST', '/v1/workflows/run', {
      token: key,
      body: { inputs: { doc: { type: 'document', transfer_method: 'local_file', upload_file_id: '00000000-0000-4000-8000-000000000000' } }, user: 'u' },
    });
    // A file that is not the caller's (here: no file at all) is refused before the run starts.
    assert.deepEqual([ghost.status, ghost.body.code, ghost.body.params], [400, 'invalid_param', 'inputs.doc']);
    assert.match(ghost.body.message, /File not found/);
    const notAFile = await http(t.base, 'POST', '/v1/workflows/run', { token: key, body: { inputs: { doc: 'report.pdf' }, user: 'u' } });
    assert.deepEqual([notAFile.status, notAFile.body.code, notAFile.body.params], [400, 'invalid_param', 'inputs.doc']);
  });

  it('refuses remote_url files aimed at private addresses (SSRF), as a readable node error', async () => {
    const key = await publish({
      nodes: [
        node('start', 'start', { variables: [{ variable: 'doc', label: 'doc', type: 'file', required: true }] }),
        node('ext', 'document-extractor', { variable_selector: ['start', 'doc'] }),
        node('end', 'end', { outputs: [{ variable: 'text', value_selector: ['ext', 'text'] }] }),
      ],
      edges: [edge('start', 'ext'), edge('ext', 'end')],
    });
    for (const [url, why] of [
      [`${t.base}/health`, /Access to 127\.0\.0\.1 is blocked: loopback address/],
      ['http://169.254.169.254/latest/meta-data/', /blocked: link-local/],
      ['http://10.1.2.3/x.pdf', /blocked: private address/],
    ] as const) {
      const s = await sse(t.base, '/v1/workflows/run', key, {
        inputs: { doc: { type: 'document', transfer_method: 'remote_url', url } },
        response_mode: 'streaming',
        user: 'u',
      });
      assert.equal(s.status, 200);
      const ext = s.events.find((e) => e.event === 'node_finished' && e.data.node_id === 'ext').data;
      assert.equal(ext.status, 'failed');
      assert.match(ext.error, /could not fetch the file at/);
      assert.match(ext.error, why);
      assert.deepEqual([s.events.at(-1).event, s.events.at(-1).data.status], ['workflow_finished', 'failed']);
    }
  });

  it("checks code node results against their declared outputs and Dify's limits, naming the variable", async () => {
    const codeGraph = (code: string, outputs: Record<string, unknown>) => ({
      nodes: [
        node('start', 'start'),
        node('code', 'code', { code_language: 'javascript', variables: [], code, outputs }),
        node('end', 'end', { outputs: Object.keys(outputs).map((k) => ({ variable: k, value_selector: ['code', k] })) }),
      ],
      edges: [edge('start', 'code'), edge('code', 'end')],
    });
    const ok = await publish(
      codeGraph('function main() { return { n: 3, tags: ["a", "b"], meta: { by: "x" } }; }', {
        n: { type: 'number' },
        tags: { type: 'array[string]' },
        meta: { type: 'object' },
      }),
    );
    const good = await http(t.base, 'POST', '/v1/workflows/run', { token: ok, body: { inputs: {}, user: 'u' } });
    assert.equal(good.body.data.status, 'succeeded', good.body.data.error);
    assert.deepEqual(good.body.data.outputs, { n: 3, tags: ['a', 'b'], meta: { by: 'x' } });

    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['function main() { return { n: "3" }; }', { n: { type: 'number' } }, /Output variable `n` must be a number/],
      [
        'function main() { return { tags: Array.from({ length: 31 }, (_, i) => "t" + i) }; }',
        { tags: { type: 'array[string]' } },
        /`tags` must be less than 30 elements/,
      ],
      ['function main() { return { text: "x".repeat(80001) }; }', { text: { type: 'string' } }, /`text` must be less than 80000 characters/],
      ['function main() { return { deep: { a: { b: { c: { d: { e: 1 } } } } } }; }', { deep: { type: 'object' } }, /Depth limit 5 reached/],
    ];
    for (const [code, outputs, expected] of cases) {
      const key = await publish(codeGraph(code, outputs));
      const s = await sse(t.base, '/v1/workflows/run', key, { inputs: {}, response_mode: 'streaming', user: 'u' });
      assert.equal(s.status, 200);
      const c = s.events.find((e) => e.event === 'node_finished' && e.data.node_id === 'code').data;
      assert.equal(c.status, 'failed', code);
      assert.match(c.error, expected);
      assert.equal(s.events.at(-1).data.status, 'failed');
    }
  });

  it('renders Jinja2 macros, call blocks and filtered loops; break/continue fail as in Jinja2 (no loopcontrols extension)', async () => {
    const key = await publish(
      templateGraph(
        [
          '{% macro line(it) %}{{ it.sku|upper }} x{{ it.qty }}{% endmacro %}{% macro boxed() %}[{{ caller() }}]{% endmacro %}',
          '{%- for it in items if it.qty %}{% if loop.index <= 2 %}',
          '{%- call boxed() %}{{ line(it) }}{% endcall %}',
          '{%- endif %}{% endfor %}',
        ].join('\n'),
      ),
    );
    const items = [
      { sku: 'a', qty: 1 },
      { sku: 'skip', qty: 0 },
      { sku: 'b', qty: 2 },
      { sku: 'late', qty: 5 },
    ];
    const r = await http(t.base, 'POST', '/v1/workflows/run', { token: key, body: { inputs: { items: JSON.stringify(items) }, user: 'u' } });
    assert.equal(r.body.data.status, 'succeeded', r.body.data.error);
    assert.equal(r.body.data.outputs.out, '[A x1][B x2]');
    const loopControls = await publish(templateGraph('{% for it in items %}{% break %}{% endfor %}'));
    const failed = await http(t.base, 'POST', '/v1/workflows/run', { token: loopControls, body: { inputs: { items: '[]' }, user: 'u' } });
    assert.equal(failed.body.data.status, 'failed');
    assert.match(failed.body.data.error, /TemplateSyntaxError: Encountered unknown tag 'break'/);
  });
});
