import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { Injectable } from '@nestjs/common';
import type { FileUser } from '@sluice/database';
import { EngineEvent, Graph, GraphNode, NodeResult } from './graph.types';
import { NodeRegistry } from './node-registry';
import { compare } from './nodes/if-else.node';
import { VariablePool } from './variable-pool';

export interface RunOptions {
  runId: string;
  workflowId: string;
  tenantId: string;
  /** whose uploads the run's nodes may read */
  fileUser?: FileUser;
  inputs: Record<string, unknown>;
  sys: Record<string, unknown>;
  signal: AbortSignal;
  maxSteps?: number;
  /** chatflow conversation variables, readable as ['conversation', name] */
  conversation?: Record<string, unknown>;
  /** set for a container's sub-graph: its pool (falling back to the outer one) */
  pool?: VariablePool;
  /** the workflow's environment variables, readable as ['env', name] */
  env?: Record<string, unknown>;
  /** wall-time limit of the whole run, nested containers included */
  maxSeconds?: number;
  /** absolute deadline (ms since epoch) a container's sub-run inherits from its run */
  deadline?: number;
  /** the whole graph, so containers nested in containers find their children */
  fullGraph?: Graph;
  /** Dify's `created_by` of workflow_finished: `{id, user}` for an end user. */
  createdBy?: Record<string, unknown>;
}

type EdgeState = 'pending' | 'taken' | 'skipped';
const now = () => Math.floor(Date.now() / 1000);

/**
 * Runs a Dify-shaped graph. A node runs once none of its incoming edges is pending and at least
 * one was taken; a node whose incoming edges were all skipped is skipped and passes the skip on.
 * Independent branches run concurrently. Events carry Dify's names and fields.
 */
@Injectable()
export class WorkflowEngine {
  constructor(private readonly nodes: NodeRegistry) {}

  async *run(graph: Graph, o: RunOptions): AsyncGenerator<EngineEvent> {
    const started = performance.now();
    const pool = o.pool ?? new VariablePool(o.sys, o.env ?? {}, o.conversation ?? {});
    const all = o.fullGraph ?? graph;
    // Nodes inside containers (iterations) run in their container's sub-graph, not here.
    const top = new Set(graph.nodes.filter((n) => !n.parentId || o.pool).map((n) => n.id));
    graph = { nodes: graph.nodes.filter((n) => top.has(n.id)), edges: graph.edges.filter((e) => top.has(e.source) && top.has(e.target)) };
    const startNode = graph.nodes.find((n) => ['start', 'iteration-start', 'loop-start'].includes(n.data.type))!;
    if (!o.pool) pool.set(startNode.id, { __inputs: o.inputs });
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const incoming = new Map<string, number[]>();
    const outgoing = new Map<string, number[]>();
    graph.edges.forEach((e, i) => {
      incoming.set(e.target, [...(incoming.get(e.target) ?? []), i]);
      outgoing.set(e.source, [...(outgoing.get(e.source) ?? []), i]);
    });
    const edgeState: EdgeState[] = graph.edges.map(() => 'pending');
    const queue: EngineEvent[] = [];
    let wake: (() => void) | undefined;
    const push = (e: EngineEvent) => {
      queue.push(e);
      wake?.();
    };
    // Marked before a node starts: an executor that finishes without awaiting must not outlive its mark.
    const running = new Set<string>();
    let steps = 0;
    let tokens = 0;
    let failure: string | null = null;
    let exceptions = 0;
    let outputs: Record<string, unknown> = {};
    const maxSteps = o.maxSteps ?? 500;
    // Nodes see this signal: the user's stop, or the wall-time limit, aborts them.
    const ctl = new AbortController();
    // Containers' sub-runs (parallel iterations) each listen on it.
    setMaxListeners(0, ctl.signal);
    const onStop = () => ctl.abort();
    o.signal.addEventListener('abort', onStop, { once: true });
    if (o.signal.aborted) ctl.abort();
    const deadline = o.deadline ?? (o.maxSeconds ? Date.now() + o.maxSeconds * 1000 : undefined);
    const limitMessage = `the run exceeded its time limit of ${o.maxSeconds ?? Math.round(((deadline ?? 0) - Date.now()) / 100) / 10} s`;
    const live = new Map<string, { base: Record<string, unknown>; t0: number }>();
    let timedOut = false;
    const timer =
      deadline === undefined
        ? undefined
        : setTimeout(
            () => {
              timedOut = true;
              failure ??= limitMessage;
              // Nodes that ignore the abort (a busy sandbox) are closed now, not when they return.
              for (const [nodeId, { base, t0 }] of live) {
                push({
                  event: 'node_finished',
                  data: {
                    ...base,
                    inputs: null,
                    process_data: null,
                    outputs: null,
                    inputs_truncated: false,
                    process_data_truncated: false,
                    outputs_truncated: false,
                    files: [],
                    status: 'failed',
                    error: limitMessage,
                    elapsed_time: (performance.now() - t0) / 1000,
                    execution_metadata: null,
                    created_at: now(),
                    finished_at: now(),
                  },
                });
                running.delete(nodeId);
              }
              live.clear();
              ctl.abort();
              wake?.();
            },
            Math.max(0, deadline - Date.now()),
          );

    // `reason`: Dify's start reason; `resumption` is for runs resumed after a human-input pause, which Sluice has not.
    yield { event: 'workflow_started', data: { id: o.runId, workflow_id: o.workflowId, inputs: o.inputs, created_at: now(), reason: 'initial' } };

    const settle = (nodeId: string, handle: string | null) => {
      for (const i of outgoing.get(nodeId) ?? []) {
        const e = graph.edges[i];
        const normal = !e.sourceHandle || e.sourceHandle === 'source' || e.sourceHandle === 'success-branch';
        const taken = handle !== null && (handle === 'source' ? normal : e.sourceHandle === handle);
        edgeState[i] = taken ? 'taken' : 'skipped';
        const target = byId.get(e.target)!;
        const ins = incoming.get(target.id) ?? [];
        if (ins.some((k) => edgeState[k] === 'pending') || running.has(target.id)) continue;
        if (ins.some((k) => edgeState[k] === 'taken')) launch(target, nodeId);
        else settle(target.id, null);
      }
    };

    const launch = (node: GraphNode, predecessor: string | null) => {
      if (failure || ctl.signal.aborted) return;
      if (++steps > maxSteps) {
        failure = `the run exceeded ${maxSteps} steps`;
        return;
      }
      const execId = randomUUID();
      const index = steps;
      // Inside an iteration or loop the container overwrites iteration_id / loop_id when it forwards the event.
      const base = {
        id: execId,
        node_id: node.id,
        node_type: node.data.type,
        title: node.data.title ?? node.id,
        index,
        predecessor_node_id: predecessor,
        iteration_id: null,
        loop_id: null,
      };
      const t0 = performance.now();
      push({ event: 'node_started', data: { ...base, inputs: null, inputs_truncated: false, extras: {}, created_at: now() } });
      running.add(node.id);
      live.set(node.id, { base, t0 });
      const sub: RunOptions = { ...o, signal: ctl.signal, deadline, fullGraph: all };
      void (async () => {
        let res: NodeResult | undefined;
        let error: string | null = null;
        const retry = node.data.retry_config?.retry_enabled ? node.data.retry_config : null;
        for (let attempt = 0; ; attempt++) {
          error = null;
          try {
            if (node.data.type === 'iteration') res = await this.iterate(node, all, pool, sub, push);
            else if (node.data.type === 'loop') res = await this.loop(node, all, pool, sub, push);
            else if (node.data.type === 'iteration-start' || node.data.type === 'loop-start') res = { outputs: {} };
            else {
              const ex = this.nodes.get(node.data.type);
              if (!ex) throw new Error(`no executor for node type ${node.data.type}`);
              res = await ex.execute(node, {
                tenantId: o.tenantId,
                fileUser: o.fileUser,
                pool,
                signal: ctl.signal,
                chunk: (text, selector) => push({ event: 'text_chunk', data: { text, from_variable_selector: selector } }),
              });
            }
          } catch (err) {
            error = o.signal.aborted ? 'stopped by the user' : ((err as Error)?.message ?? String(err));
          }
          if (!error || ctl.signal.aborted || !retry || attempt >= Number(retry.max_retries ?? 0)) break;
          push({
            event: 'node_retry',
            data: { ...base, status: 'retry', error, retry_index: attempt + 1, elapsed_time: (performance.now() - t0) / 1000, created_at: now() },
          });
          await new Promise((r) => setTimeout(r, Number(retry.retry_interval ?? 0)));
        }
        // The time limit already closed this node.
        if (timedOut) return;
        live.delete(node.id);
        // error_strategy turns a failure into an `exception` the run survives (partial-succeeded).
        let handle = res?.handle ?? 'source';
        const strategy = error && !o.signal.aborted ? node.data.error_strategy : undefined;
        if (strategy === 'default-value' || strategy === 'fail-branch') {
          exceptions++;
          const defaults = Object.fromEntries(((node.data.default_value ?? []) as { key: string; value: unknown }[]).map((d) => [d.key, d.value]));
          res = { outputs: { ...defaults, error_message: error, error_type: 'NodeError' } };
          handle = strategy === 'fail-branch' ? 'fail-branch' : 'source';
        }
        const elapsed = (performance.now() - t0) / 1000;
        const status = strategy && error ? 'exception' : error ? (o.signal.aborted ? 'stopped' : 'failed') : 'succeeded';
        if (res) {
          pool.set(node.id, res.outputs);
          tokens += res.tokens ?? 0;
          if (res.retrieverResources) push({ event: 'retriever_resources', data: { node_id: node.id, retriever_resources: res.retrieverResources } });
          if (node.data.type === 'end') outputs = { ...outputs, ...res.outputs };
        }
        push({
          event: 'node_finished',
          data: {
            ...base,
            inputs: res?.inputs ?? null,
            process_data: res?.processData ?? null,
            outputs: res?.outputs ?? null,
            status,
            error,
            // Sluice never truncates variables; it knows no model prices, so a model's cost reads 0.
            inputs_truncated: false,
            process_data_truncated: false,
            outputs_truncated: false,
            files: [],
            elapsed_time: elapsed,
            execution_metadata: res?.tokens ? { total_tokens: res.tokens, total_price: 0, currency: 'USD' } : null,
            created_at: now(),
            finished_at: now(),
          },
        });
        running.delete(node.id);
        if (error && !strategy) failure ??= `node ${node.id} (${node.data.title ?? node.data.type}) failed: ${error}`;
        else settle(node.id, handle);
        wake?.();
      })();
    };

    launch(startNode, null);
    try {
      while (running.size || queue.length) {
        if (!queue.length) await new Promise<void>((r) => (wake = r));
        wake = undefined;
        while (queue.length) yield queue.shift()!;
      }
    } finally {
      clearTimeout(timer);
      o.signal.removeEventListener('abort', onStop);
    }
    const status = o.signal.aborted && !timedOut ? 'stopped' : failure ? 'failed' : exceptions ? 'partial-succeeded' : 'succeeded';
    yield {
      event: 'workflow_finished',
      data: {
        id: o.runId,
        workflow_id: o.workflowId,
        status,
        outputs: status === 'succeeded' || status === 'partial-succeeded' ? outputs : null,
        error: status === 'stopped' ? 'stopped by the user' : failure,
        elapsed_time: (performance.now() - started) / 1000,
        total_tokens: tokens,
        total_steps: steps,
        created_at: now(),
        finished_at: now(),
        exceptions_count: exceptions,
        created_by: o.createdBy ?? null,
        files: [],
      },
    };
  }

  /**
   * Runs an iteration's sub-graph once per item (in order, or `parallel_nums` at a time when
   * `is_parallel`), each with its own pool holding `item` and `index`; collects `output_selector`.
   */
  private async iterate(node: GraphNode, graph: Graph, pool: VariablePool, o: RunOptions, push: (e: EngineEvent) => void): Promise<NodeResult> {
    const items = pool.get(node.data.iterator_selector);
    if (!Array.isArray(items)) throw new Error(`iteration ${node.id}: iterator_selector does not point at a list`);
    const sub: Graph = {
      nodes: graph.nodes.filter((n) => n.parentId === node.id),
      edges: graph.edges.filter((e) => graph.nodes.some((n) => n.parentId === node.id && n.id === e.source)),
    };
    const base = { id: randomUUID(), node_id: node.id, node_type: 'iteration', title: node.data.title ?? node.id };
    const t0 = performance.now();
    push({ event: 'iteration_started', data: { ...base, inputs: { iterator_selector: items }, created_at: now() } });
    const mode = node.data.error_handle_mode ?? 'terminated';
    const results: unknown[] = new Array(items.length);
    const failed = new Set<number>();
    let tokens = 0;
    const one = async (item: unknown, index: number) => {
      const child = pool.child();
      child.set(node.id, { item, index });
      push({ event: 'iteration_next', data: { ...base, index, created_at: now() } });
      let error: string | null = null;
      for await (const ev of this.run(sub, { ...o, pool: child })) {
        if (ev.event === 'workflow_started') continue;
        if (ev.event === 'workflow_finished') {
          if (ev.data.status !== 'succeeded' && ev.data.status !== 'partial-succeeded') error = String(ev.data.error);
          tokens += Number(ev.data.total_tokens ?? 0);
          continue;
        }
        push({ event: ev.event, data: { ...ev.data, iteration_id: node.id, iteration_index: index } });
      }
      if (error) {
        if (mode === 'terminated') throw new Error(`iteration ${node.id} item ${index}: ${error}`);
        failed.add(index);
        return;
      }
      results[index] = child.get(node.data.output_selector) ?? null;
    };
    const width = node.data.is_parallel ? Math.max(1, Number(node.data.parallel_nums ?? 10)) : 1;
    for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map((it, k) => one(it, i + k)));
    const output = mode === 'remove-abnormal-output' ? results.filter((_, i) => !failed.has(i)) : results.map((r, i) => (failed.has(i) ? null : r));
    push({
      event: 'iteration_completed',
      data: {
        ...base,
        outputs: { output },
        status: 'succeeded',
        error: null,
        elapsed_time: (performance.now() - t0) / 1000,
        total_tokens: tokens,
        steps: items.length,
        created_at: now(),
        finished_at: now(),
      },
    });
    return { outputs: { output }, tokens };
  }

  /**
   * Runs a loop's sub-graph until its break conditions hold (checked after each round) or
   * `loop_count` rounds. Loop variables live in the outer pool under the loop's id, so nodes inside
   * read them and assigners update them; they are the loop's outputs.
   */
  private async loop(node: GraphNode, graph: Graph, pool: VariablePool, o: RunOptions, push: (e: EngineEvent) => void): Promise<NodeResult> {
    const max = Math.max(1, Math.min(Number(node.data.loop_count ?? 10), 100));
    const vars: Record<string, unknown> = {};
    for (const v of (node.data.loop_variables ?? []) as { label: string; value_type?: string; value?: unknown }[]) {
      vars[v.label] = v.value_type === 'variable' ? pool.get(v.value as string[]) : (v.value ?? null);
    }
    pool.set(node.id, vars);
    const sub: Graph = {
      nodes: graph.nodes.filter((n) => n.parentId === node.id),
      edges: graph.edges.filter((e) => graph.nodes.some((n) => n.parentId === node.id && n.id === e.source)),
    };
    const base = { id: randomUUID(), node_id: node.id, node_type: 'loop', title: node.data.title ?? node.id };
    const t0 = performance.now();
    push({ event: 'loop_started', data: { ...base, inputs: { ...vars }, created_at: now() } });
    const conds = (node.data.break_conditions ?? []) as { variable_selector: string[]; comparison_operator: string; value?: unknown }[];
    const done = () => {
      if (!conds.length) return false;
      const r = conds.map((c) => compare(pool.get(c.variable_selector), c.comparison_operator, typeof c.value === 'string' ? pool.render(c.value) : c.value));
      return node.data.logical_operator === 'or' ? r.some(Boolean) : r.every(Boolean);
    };
    let round = 0;
    let tokens = 0;
    while (round < max && !done()) {
      vars.index = round;
      push({ event: 'loop_next', data: { ...base, index: round, created_at: now() } });
      for await (const ev of this.run(sub, { ...o, pool: pool.child() })) {
        if (ev.event === 'workflow_started') continue;
        if (ev.event === 'workflow_finished') {
          tokens += Number(ev.data.total_tokens ?? 0);
          if (ev.data.status === 'failed' || ev.data.status === 'stopped') throw new Error(`loop ${node.id} round ${round}: ${String(ev.data.error)}`);
          continue;
        }
        push({ event: ev.event, data: { ...ev.data, loop_id: node.id, loop_index: round } });
      }
      round++;
    }
    delete vars.index;
    push({
      event: 'loop_completed',
      data: {
        ...base,
        outputs: { ...vars },
        status: 'succeeded',
        error: null,
        elapsed_time: (performance.now() - t0) / 1000,
        total_tokens: tokens,
        steps: round,
        created_at: now(),
        finished_at: now(),
      },
    });
    return { outputs: { ...vars, loop_round: round }, tokens };
  }
}
