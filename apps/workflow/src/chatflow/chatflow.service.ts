import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppUnavailableError, CallerIdentity, ChatMessageBody, DomainError, NotChatAppError, NotFoundError, SseEvent } from '@sluice/contracts';
import { ChatflowRepository } from '@sluice/database';
import { EndUserRepository } from '@sluice/database';
import { AnnotationMatcher, annotationReplyMetadata } from '@sluice/knowledge';
import { priceUsage } from '@sluice/llm';
import { RunFilesService } from '../graph/files/run-files.service';
import { validateGraph } from '../graph/graph-validator';
import { StartNode } from '../graph/nodes/start.node';
import { RunEventLog } from '../workflows/run-event-log';
import { WorkflowRepository } from '../workflows/workflow.repository';
import { WorkflowsService } from '../workflows/workflows.service';
import { AnswerStreamer } from './answer-streamer';

/**
 * Chatflow (advanced-chat) apps behind `/v1/chat-messages`: the published graph runs once per turn
 * with sys.query / sys.conversation_id / sys.user_id; answer nodes become `message` events,
 * then `message_end`, then `workflow_finished`.
 */
@Injectable()
export class ChatflowService {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly repo: WorkflowRepository,
    private readonly turns: ChatflowRepository,
    private readonly endUsers: EndUserRepository,
    private readonly start: StartNode,
    private readonly annotations: AnnotationMatcher,
    private readonly events: RunEventLog,
    private readonly files: RunFilesService,
  ) {}

  /** A turn's events, each also kept under its workflow run for GET /v1/workflow/{run_id}/events. */
  async *chat(caller: CallerIdentity, body: ChatMessageBody, draft = false): AsyncGenerator<SseEvent> {
    let runId: string | undefined;
    for await (const ev of this.turn(caller, body, draft)) {
      runId ??= typeof ev.workflow_run_id === 'string' ? ev.workflow_run_id : undefined;
      if (runId) void this.events.append(runId, ev);
      yield ev;
    }
  }

  /** `draft`: the console's preview runs the draft graph (Dify's advanced-chat draft run), logged as `debugging`. */
  private async *turn(caller: CallerIdentity, b: ChatMessageBody, draft: boolean): AsyncGenerator<SseEvent> {
    const app = await this.repo.app(caller.tenantId, caller.appId);
    if (!app) throw new NotFoundError('App not found.');
    if (app.mode !== 'advanced-chat') throw new NotChatAppError();
    const workflow = draft ? await this.repo.version(app.id, 'draft') : app.workflowId ? await this.repo.byId(app.workflowId) : null;
    if (!workflow)
      throw new AppUnavailableError(
        draft ? 'The chatflow has no draft yet: save one first.' : 'The chatflow has not been published yet: publish it in the console first.',
      );
    const graph = validateGraph(workflow.graph);
    const endUserId = await this.endUsers.idFor(app.tenantId, app.id, caller.userType, caller.sessionId);
    const existing = b.conversation_id ? await this.turns.conversation(app.id, endUserId, b.conversation_id) : null;
    if (b.conversation_id && !existing) throw new NotFoundError('Conversation Not Exists.');
    const inputs = existing
      ? existing.inputs
      : this.start.validateInputs(
          graph.nodes.find((n) => n.data.type === 'start')!,
          b.inputs,
        );
    const fileUser = await this.files.userOf({ ...caller, tenantId: app.tenantId });
    await this.files.assertOwned(fileUser, inputs, b.files);
    const name = [...b.query.trim()].slice(0, 30).join('') || 'New conversation';
    const turn = await this.turns.startTurn({
      tenantId: app.tenantId,
      appId: app.id,
      endUserId,
      conversationId: existing?.id ?? null,
      name,
      inputs,
      query: b.query,
    });
    // Declared defaults, overlaid with what earlier turns of this conversation assigned.
    const conversation: Record<string, unknown> = {
      ...Object.fromEntries(((workflow.conversationVariables ?? []) as { name: string; value?: unknown }[]).map((v) => [v.name, v.value ?? null])),
      ...(existing?.variables ?? {}),
    };
    const ids = { id: turn.messageId, message_id: turn.messageId, conversation_id: turn.conversationId };
    const createdAt = Math.floor(new Date(turn.createdAt).getTime() / 1000);
    const t0 = performance.now();
    // Annotation reply, as in Dify's advanced-chat runner: a matching annotated question is answered
    // with its answer and the graph does not run.
    const annotation = await this.annotations.match(app.tenantId, app.id, b.query);
    if (annotation) {
      const latency = (performance.now() - t0) / 1000;
      await this.turns.finishTurn(turn.messageId, turn.conversationId, {
        answer: annotation.answer,
        status: 'normal',
        error: null,
        runId: null,
        tokens: 0,
        latency,
        variables: conversation,
      });
      const taskId = randomUUID();
      yield { event: 'message', task_id: taskId, ...ids, answer: annotation.answer, created_at: createdAt };
      const usage = priceUsage('', 0, 0, latency);
      const metadata = { usage, retriever_resources: [], ...annotationReplyMetadata(annotation) };
      yield { event: 'message_end', task_id: taskId, ...ids, metadata, created_at: createdAt };
      return;
    }
    let finished: SseEvent | undefined;
    const sys = {
      query: b.query,
      conversation_id: turn.conversationId,
      dialogue_count: (existing?.dialogueCount ?? 0) + 1,
      files: b.files,
      user_id: caller.sessionId,
      app_id: app.id,
    };
    const env = Object.fromEntries(((workflow.environmentVariables ?? []) as { name: string; value?: unknown }[]).map((v) => [v.name, v.value ?? null]));
    const streamer = new AnswerStreamer(graph, sys, env);
    const resources: Record<string, unknown>[] = [];
    try {
      for await (const ev of this.workflows.execute({
        app,
        workflow,
        graph,
        inputs,
        fileUser,
        sessionId: caller.sessionId,
        triggeredFrom: draft ? 'debugging' : 'app-run',
        endUserId,
        conversation,
        sys,
      })) {
        if (ev.event === 'workflow_finished') {
          finished = ev;
          continue;
        }
        if (ev.event === 'retriever_resources') {
          resources.push(...((ev.data as { retriever_resources?: Record<string, unknown>[] }).retriever_resources ?? []));
          continue;
        }
        // Dify's chatflow streams the answer as `message` events, not `text_chunk`.
        if (ev.event !== 'text_chunk') yield { ...ev, ...ids, created_at: createdAt };
        for (const piece of streamer.feed(ev)) yield { event: 'message', task_id: ev.task_id, ...ids, answer: piece, created_at: createdAt };
      }
    } catch (err) {
      const answer = streamer.answer;
      await this.turns
        .finishTurn(turn.messageId, turn.conversationId, {
          answer,
          status: 'error',
          error: (err as Error).message,
          runId: null,
          tokens: 0,
          latency: 0,
          variables: conversation,
        })
        .catch(() => undefined);
      throw err;
    }
    const answer = streamer.answer;
    const fin = (finished!.data ?? {}) as Record<string, any>;
    const failed = fin.status === 'failed';
    await this.turns.finishTurn(turn.messageId, turn.conversationId, {
      answer,
      status: failed ? 'error' : 'normal',
      error: fin.error ?? null,
      runId: String(finished!.workflow_run_id),
      tokens: fin.total_tokens ?? 0,
      latency: (performance.now() - t0) / 1000,
      variables: conversation,
    });
    if (failed) {
      yield { event: 'error', ...ids, created_at: createdAt, status: 500, code: 'internal_server_error', message: String(fin.error ?? 'the chatflow failed') };
      return;
    }
    // A chatflow's usage is its nodes' total; Dify prices it per node, which Sluice does not, so prices read 0.
    const usage = { ...priceUsage('', 0, 0, (performance.now() - t0) / 1000), total_tokens: fin.total_tokens ?? 0 };
    yield {
      event: 'message_end',
      task_id: finished!.task_id,
      ...ids,
      metadata: { usage, retriever_resources: resources.map((r, i) => ({ ...r, position: i + 1 })) },
      created_at: createdAt,
    };
    yield { ...finished!, ...ids, created_at: createdAt };
  }

  async blocking(caller: CallerIdentity, body: ChatMessageBody, draft = false) {
    let answer = '';
    let end: SseEvent | undefined;
    for await (const ev of this.chat(caller, body, draft)) {
      if (ev.event === 'message') answer += ev.answer as string;
      if (ev.event === 'message_end') end = ev;
      if (ev.event === 'error') throw new DomainError(String(ev.code), Number(ev.status), String(ev.message));
    }
    return {
      event: 'message',
      task_id: end!.task_id,
      id: end!.id,
      message_id: end!.message_id,
      conversation_id: end!.conversation_id,
      mode: 'advanced-chat',
      answer,
      metadata: end!.metadata,
      created_at: end!.created_at,
    };
  }
}
