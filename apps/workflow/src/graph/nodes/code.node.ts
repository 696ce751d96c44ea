import { Injectable } from '@nestjs/common';
import ivm from 'isolated-vm';
import { GraphNode, NodeResult } from '../graph.types';
import { NodeContext, NodeExecutor } from '../node-executor';

const TIMEOUT_MS = 5000;
const MEMORY_MB = 64;
const MAX_STRING = 80_000;

/**
 * Runs the node's JavaScript `main(args)` in a fresh V8 isolate: no process, require, filesystem
 * or network, a memory cap and a time limit; values cross as JSON only. python3 needs a
 * dify-sandbox service, which is not wired yet: such nodes fail with a clear error.
 */
@Injectable()
export class CodeNode implements NodeExecutor {
  readonly type = 'code';

  async execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    const lang = node.data.code_language ?? 'javascript';
    if (lang !== 'javascript' && lang !== 'javascript3') {
      throw new Error(`code node ${node.id}: ${lang} code needs a dify-sandbox service (CODE_EXECUTION_ENDPOINT), which this build does not call yet`);
    }
    const args: Record<string, unknown> = {};
    for (const v of (node.data.variables ?? []) as { variable: string; value_selector: string[] }[]) args[v.variable] = ctx.pool.get(v.value_selector) ?? null;
    const isolate = new ivm.Isolate({ memoryLimit: MEMORY_MB });
    try {
      const context = await isolate.createContext();
      const script = await isolate.compileScript(
        `${node.data.code ?? ''}\n;(function(){ if (typeof main !== 'function') throw new Error('the code must define function main(args)'); const r = main(JSON.parse(__args)); return JSON.stringify(r === undefined ? null : r); })()`,
      );
      await context.global.set('__args', JSON.stringify(args));
      const raw = (await script.run(context, { timeout: TIMEOUT_MS })) as string;
      const result = JSON.parse(raw);
      if (!result || typeof result !== 'object' || Array.isArray(result)) throw new Error('main() must return an object');
      for (const [k, val] of Object.entries(result)) {
        if (typeof val === 'string' && val.length > MAX_STRING) throw new Error(`output ${k} is longer than ${MAX_STRING} characters`);
      }
      return { outputs: result, inputs: args };
    } catch (err) {
      const msg = (err as Error).message ?? String(err);
      if (/Script execution timed out/.test(msg)) throw new Error(`code node ${node.id}: execution timed out after ${TIMEOUT_MS} ms`);
      if (/memory limit/i.test(msg) || isolate.isDisposed) throw new Error(`code node ${node.id}: memory limit of ${MEMORY_MB} MB exceeded`);
      throw new Error(`code node ${node.id}: ${msg}`);
    } finally {
      if (!isolate.isDisposed) isolate.dispose();
    }
  }
}
