import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { TemplateSandbox } from '@sluice/jinja';
import { CodeNode } from '../nodes/code.node';
import { TemplateTransformNode } from '../nodes/template-transform.node';
import { VariablePool } from '../variable-pool';
import { Jinja2Renderer } from './jinja2-renderer';
import { PythonSandboxService } from './python-sandbox.service';

// The interpreter's own path: version-manager shims can take seconds to start.
const probe = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
const hasPython = probe.status === 0;
const PYTHON = probe.stdout?.trim() || 'python3';
const hasJinja2 = hasPython && spawnSync(PYTHON, ['-c', 'import jinja2'], { encoding: 'utf8' }).status === 0;

/** A dify-sandbox stand-in: same route, key header and envelope; runs the code with the local python3. */
function fakeSandbox(): Promise<{ server: Server; url: string; requests: any[] }> {
  const requests: any[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url !== '/v1/sandbox/run' || req.method !== 'POST') return reply(404, { code: -404, message: 'not found' });
      if (req.headers['x-api-key'] !== 'sandbox-key') return reply(401, { code: -401, message: 'unauthorized' });
      const body = JSON.parse(raw);
      requests.push(body);
      const py = spawn(PYTHON, ['-'], { timeout: 10_000 });
      let stdout = '';
      let stderr = '';
      py.stdout.on('data', (c) => (stdout += c));
      py.stderr.on('data', (c) => (stderr += c));
      py.on('close', (code) => reply(200, { code: 0, message: 'success', data: { stdout, error: code === 0 ? '' : stderr } }));
      py.stdin.end(`${body.preload}\n${body.code}`);
    });
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests })));
}

const codeNode = (code: string) => ({
  id: 'py',
  data: {
    type: 'code',
    code_language: 'python3',
    code,
    variables: [
      { variable: 'name', value_selector: ['start', 'name'] },
      { variable: 'nums', value_selector: ['start', 'nums'] },
    ],
  },
});
const ctx = () => {
  const pool = new VariablePool({});
  pool.set('start', { name: 'Ada', nums: [1, 2, 3] });
  return { tenantId: 't', pool, signal: new AbortController().signal, chunk: () => undefined };
};

describe('python3 code nodes', () => {
  let sb: Awaited<ReturnType<typeof fakeSandbox>>;
  before(async () => {
    sb = await fakeSandbox();
  });
  after(() => sb.server.close());

  it('fail clearly when no sandbox is configured', async () => {
    const node = new CodeNode(new PythonSandboxService({ codeExecution: {} }));
    await assert.rejects(
      node.execute(codeNode('def main(name, nums):\n    return {"x": 1}'), ctx()),
      /python3 code nodes need CODE_EXECUTION_ENDPOINT \(a dify-sandbox\)/,
    );
  });

  it('run on a dify-sandbox-compatible service with its protocol', { skip: !hasPython && 'python3 is not installed' }, async () => {
    const node = new CodeNode(new PythonSandboxService({ codeExecution: { endpoint: sb.url, apiKey: 'sandbox-key' } }));
    const res = await node.execute(
      codeNode(
        'def main(name: str, nums: list) -> dict:\n    print("noise on stdout")\n    return {"greeting": f"Hello {name}", "total": sum(nums), "ok": True, "nothing": None}',
      ),
      ctx(),
    );
    assert.deepEqual(res.outputs, { greeting: 'Hello Ada', total: 6, ok: true, nothing: null });
    assert.deepEqual([sb.requests[0].language, sb.requests[0].enable_network, sb.requests[0].preload], ['python3', false, '']);

    await assert.rejects(node.execute(codeNode('def main(name, nums):\n    raise ValueError("bad input " + name)'), ctx()), /ValueError: bad input Ada/);
    await assert.rejects(node.execute(codeNode('def main(name, nums):\n    return [1, 2]'), ctx()), /main\(\) must return a dict/);
  });

  it('report a wrong key or an unreachable sandbox as a node error', async () => {
    const wrongKey = new CodeNode(new PythonSandboxService({ codeExecution: { endpoint: sb.url, apiKey: 'nope' } }));
    await assert.rejects(wrongKey.execute(codeNode('def main(name, nums):\n    return {}'), ctx()), /answered HTTP 401/);
    const down = new CodeNode(new PythonSandboxService({ codeExecution: { endpoint: 'http://127.0.0.1:9', apiKey: 'k' } }));
    await assert.rejects(down.execute(codeNode('def main(name, nums):\n    return {}'), ctx()), /could not be reached/);
  });

  it(
    'render template-transform nodes with real Jinja2 on the sandbox when one is configured',
    { skip: !hasJinja2 && 'python3 with jinja2 is not installed' },
    async () => {
      const isolate = new TemplateSandbox();
      try {
        const node = new TemplateTransformNode(
          new Jinja2Renderer(isolate, new PythonSandboxService({ codeExecution: { endpoint: sb.url, apiKey: 'sandbox-key' } })),
        );
        const tpl = (template: string) => ({
          id: 'tt',
          data: {
            type: 'template-transform',
            template,
            variables: [
              { variable: 'name', value_selector: ['start', 'name'] },
              { variable: 'nums', value_selector: ['start', 'nums'] },
            ],
          },
        });
        const before = sb.requests.length;
        // Quotes, backslashes and newlines travel base64-encoded, so nothing in the template can break the script.
        const res = await node.execute(tpl("{{ name }} ''' \\ \"{{ nums|sum }}\"\n{{ 2.5|round }}"), ctx());
        assert.equal(res.outputs.output, "Ada ''' \\ \"6\"\n2.0");
        const sent = sb.requests[before];
        assert.match(sent.code, /jinja2\.Template/);
        assert.match(sent.preload, /import jinja2/);
        assert.equal(isolate.size, 0, 'the local isolate was not used');
        await assert.rejects(node.execute(tpl('{{ missing.attr }}'), ctx()), /^Error: UndefinedError: 'missing' is undefined$/);
      } finally {
        isolate.onModuleDestroy();
      }
    },
  );
});
