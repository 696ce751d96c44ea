import ivm from 'isolated-vm';
import { DeclaredOutput, validateCodeOutputs } from '../code/code-output-validator';
import { PythonSandboxService } from '../code/python-sandbox.service';
import { GraphNode, NodeResult } from '../graph.types';
import { NodeContext, NodeExecutor } from '../node-executor';
import { WorkflowNode } from '../node-registry';

const TIMEOUT_MS = 5000;
const MEMORY_MB = 64;

/**
 * Runs the node's JavaScript `main(args)` in a fresh V8 isolate: no process, require, filesystem
 * or network, a memory cap and a time limit; values cross as JSON only. python3 code goes to a
 * dify-sandbox service when CODE_EXECUTION_ENDPOINT is set, and fails clearly otherwise.
 */
@WorkflowNode('code')
export class CodeNode implements NodeExecutor {
  constructor(private readonly python: PythonSandboxService) {}

  async execute(node: GraphNode, ctx: NodeContext): Promise<NodeResult> {
    const lang = node.data.code_language ?? 'javascript';
    const args: Record<string, unknown> = {};
    for (const v of (node.data.variables ?? []) as { variable: string; value_selector: string[] }[]) args[v.variable] = ctx.pool.get(v.value_selector) ?? null;
    if (lang === 'python3' || lang === 'python') {
      if (!this.python.configured) throw new Error(`code node ${node.id}: python3 code nodes need CODE_EXECUTION_ENDPOINT (a dify-sandbox)`);
      const result = await this.python.run(String(node.data.code ?? ''), args, ctx.signal);
      return { outputs: checkOutputs(node, result), inputs: args };
    }
    if (lang !== 'javascript' && lang !== 'javascript3') throw new Error(`code node ${node.id}: unsupported code_language "${lang}" (javascript or python3)`);
    const isolate = new ivm.Isolate({ memoryLimit: MEMORY_MB });
    // A stop or the run's time limit ends a busy script now rather than at its own timeout.
    const kill = () => !isolate.isDisposed && isolate.dispose();
    ctx.signal.addEventListener('abort', kill, { once: true });
    let result: Record<string, unknown>;
    try {
      const context = await isolate.createContext();
      const script = await isolate.compileScript(
        `${node.data.code ?? ''}\n;(function(){ if (typeof main !== 'function') throw new Error('the code must define function main(args)'); const r = main(JSON.parse(__args)); return JSON.stringify(r === undefined ? null : r); })()`,
      );
      await context.global.set('__args', JSON.stringify(args));
      const raw = (await script.run(context, { timeout: TIMEOUT_MS })) as string;
      result = JSON.parse(raw);
      if (!result || typeof result !== 'object' || Array.isArray(result)) throw new Error('main() must return an object');
    } catch (err) {
      const msg = (err as Error).message ?? String(err);
      if (/Script execution timed out/.test(msg)) throw new Error(`code node ${node.id}: execution timed out after ${TIMEOUT_MS} ms`);
      if (ctx.signal.aborted) throw new Error(`code node ${node.id}: aborted`);
      if (/memory limit/i.test(msg) || isolate.isDisposed) throw new Error(`code node ${node.id}: memory limit of ${MEMORY_MB} MB exceeded`);
      throw new Error(`code node ${node.id}: ${msg}`);
    } finally {
      ctx.signal.removeEventListener('abort', kill);
      if (!isolate.isDisposed) isolate.dispose();
    }
    return { outputs: checkOutputs(node, result), inputs: args };
  }
}

/** Dify's output limits and the node's declared output types; a violation fails the node, naming the variable. */
function checkOutputs(node: GraphNode, result: Record<string, unknown>): Record<string, unknown> {
  try {
    return validateCodeOutputs(result, node.data.outputs as Record<string, DeclaredOutput> | undefined);
  } catch (err) {
    throw new Error(`code node ${node.id}: ${(err as Error).message}`);
  }
}
