import { SafeHttpClient } from '../../http/safe-http-client';
import { GraphNode, NodeResult } from '../graph.types';
import { NodeContext, NodeExecutor } from '../node-executor';
import { WorkflowNode } from '../node-registry';

/** `Key: value` lines (Dify's editor format) → an object, with templates rendered. */
function lines(text: string | undefined, ctx: NodeContext): [string, string][] {
  return String(text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const i = l.indexOf(':');
      return [ctx.pool.render(i < 0 ? l : l.slice(0, i)).trim(), ctx.pool.render(i < 0 ? '' : l.slice(i + 1)).trim()] as [string, string];
    });
}

/** Dify's http-request node over the SSRF-guarded client. */
@WorkflowNode('http-request')
export class HttpRequestNode implements NodeExecutor {
  constructor(private readonly http: SafeHttpClient) {}

  async execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    const d = node.data;
    const url = new URL(ctx.pool.render(d.url ?? ''));
    for (const [k, v] of lines(d.params, ctx)) url.searchParams.append(k, v);
    const headers = Object.fromEntries(lines(d.headers, ctx));
    let body: string | undefined;
    const bodyType = d.body?.type ?? 'none';
    const data = d.body?.data;
    if (bodyType === 'json' || bodyType === 'raw-text') {
      body = ctx.pool.render(typeof data === 'string' ? data : Array.isArray(data) ? data.map((x: { value?: string }) => x.value ?? '').join('') : '');
      if (bodyType === 'json') headers['content-type'] ??= 'application/json';
    } else if (bodyType === 'x-www-form-urlencoded' || bodyType === 'form-data') {
      const pairs = Array.isArray(data)
        ? data.map((x: { key: string; value: string }) => [ctx.pool.render(x.key), ctx.pool.render(x.value)])
        : lines(data, ctx);
      body = new URLSearchParams(pairs as [string, string][]).toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    }
    const timeoutS = Number(d.timeout?.read_timeout ?? d.timeout?.max_read_timeout ?? 30);
    const res = await this.http.request({
      method: d.method ?? 'get',
      url: url.toString(),
      headers,
      body,
      timeoutMs: timeoutS * 1000,
      maxResponseBytes: 10 * 1024 * 1024,
      signal: ctx.signal,
    });
    return {
      outputs: { status_code: res.status_code, body: res.body, headers: res.headers, files: [] },
      inputs: { url: url.toString(), method: d.method ?? 'get' },
    };
  }
}
