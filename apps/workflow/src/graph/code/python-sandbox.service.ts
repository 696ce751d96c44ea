import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';

const RESULT_TAG = '<<RESULT>>';
const TIMEOUT_MS = 60_000;

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** The runner dify-sandbox executes: user code, then main(**inputs) printed as JSON between markers. */
function runner(code: string, inputs: Record<string, unknown>): string {
  return [
    code,
    '',
    'import json',
    'from base64 import b64decode',
    '',
    `inputs_obj = json.loads(b64decode('${b64(JSON.stringify(inputs))}').decode('utf-8'))`,
    'output_obj = main(**inputs_obj)',
    'output_json = json.dumps(output_obj, indent=4)',
    `print(f'''${RESULT_TAG}{output_json}${RESULT_TAG}''')`,
    '',
  ].join('\n');
}

/**
 * Renders a Jinja2 template as Dify does: python3 with a default jinja2.Template, template and
 * inputs base64-encoded so no quote or newline in them can break the script.
 */
function jinja2Runner(template: string, inputs: Record<string, unknown>): string {
  return [
    'import json',
    'from base64 import b64decode',
    'import jinja2',
    '',
    `template = jinja2.Template(b64decode('${b64(template)}').decode('utf-8'))`,
    `output = template.render(**json.loads(b64decode('${b64(JSON.stringify(inputs))}').decode('utf-8')))`,
    `print(f'''${RESULT_TAG}{output}${RESULT_TAG}''')`,
    '',
  ].join('\n');
}
/** Loaded before the sandbox locks system calls down, as Dify's preload does. */
const JINJA2_PRELOAD = "import jinja2\njinja2.Template('{{s}}').render(s='a')\n";

/**
 * Runs python3 code nodes, and Jinja2 templates when configured, on a dify-sandbox-compatible
 * service (`POST {endpoint}/v1/sandbox/run`), speaking Dify's protocol, so an existing
 * dify-sandbox deployment can be pointed at.
 */
@Injectable()
export class PythonSandboxService {
  constructor(@Inject(AppConfig) private readonly cfg: Pick<AppConfig, 'codeExecution'>) {}

  get configured(): boolean {
    return !!this.cfg.codeExecution?.endpoint;
  }

  async run(code: string, inputs: Record<string, unknown>, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const stdout = await this.execute(runner(code, inputs), '', signal);
    const m = stdout.match(/<<RESULT>>([\s\S]*?)<<RESULT>>/);
    if (!m) throw new Error('the python code printed no result (did main() return?)');
    let result: unknown;
    try {
      result = JSON.parse(m[1]);
    } catch {
      throw new Error('the python result is not valid JSON');
    }
    if (!result || typeof result !== 'object' || Array.isArray(result)) throw new Error('main() must return a dict');
    return result as Record<string, unknown>;
  }

  /** The template rendered by real Jinja2 on the service; a render error reads as Python reports it. */
  async renderJinja2(template: string, inputs: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
    let stdout: string;
    try {
      stdout = await this.execute(jinja2Runner(template, inputs), JINJA2_PRELOAD, signal);
    } catch (err) {
      // A traceback's last line names the exception: "jinja2.exceptions.UndefinedError: 'x' is undefined".
      const lines = String((err as Error)?.message ?? err)
        .trim()
        .split('\n');
      throw new Error(lines[lines.length - 1].replace(/^jinja2\.exceptions\./, ''));
    }
    // Greedy, as Dify reads it: the rendered text may itself contain the marker.
    const m = stdout.match(/<<RESULT>>([\s\S]*)<<RESULT>>/);
    if (!m) throw new Error('the template renderer printed no result');
    return m[1];
  }

  private async execute(code: string, preload: string, signal?: AbortSignal): Promise<string> {
    const endpoint = this.cfg.codeExecution?.endpoint;
    if (!endpoint) throw new Error('python3 code nodes need CODE_EXECUTION_ENDPOINT (a dify-sandbox)');
    const url = `${endpoint.replace(/\/+$/, '')}/v1/sandbox/run`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Api-Key': this.cfg.codeExecution.apiKey ?? '' },
        body: JSON.stringify({ language: 'python3', code, preload, enable_network: false }),
        signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]) : AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new Error(`the code execution service at ${endpoint} could not be reached: ${(err as Error).message}`);
    }
    if (res.status === 503) throw new Error('the code execution service is unavailable');
    if (res.status !== 200)
      throw new Error(`the code execution service answered HTTP ${res.status}; check that the sandbox is running and CODE_EXECUTION_API_KEY is right`);
    let body: { code?: number; message?: string; data?: { stdout?: string; error?: string } };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new Error('the code execution service did not answer JSON');
    }
    if (body.code !== 0) throw new Error(`the code execution service failed (code ${body.code}): ${body.message ?? ''}`);
    if (body.data?.error) throw new Error(body.data.error.trim());
    return body.data?.stdout ?? '';
  }
}
