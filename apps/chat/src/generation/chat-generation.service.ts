import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  ChatMessageBody,
  DomainError,
  GenerateRequest,
  InternalServerError,
  NotChatAppError,
  NotCompletionAppError,
  NotFoundError,
  ProviderNotInitializeError,
  SseEvent,
  StopRequest,
} from '@sluice/contracts';
import { Conversation, EndUserRepository } from '@sluice/database';
import { ConversationRepository } from '@sluice/database';
import { MessageRepository } from '@sluice/database';
import { TurnRepository } from '@sluice/database';
import { AnnotationMatcher, annotationReplyMetadata } from '@sluice/knowledge';
import { LlmClient, ProviderCredentialsService, TokenCounter, Usage, modelInfo, priceUsage } from '@sluice/llm';
import { AppRegistry } from '../apps-registry/app-registry';
import { ConversationNamer } from '../conversations/conversation-namer';
import { FilesService } from '../files/files.service';
import { KnowledgeRetriever } from '../retrieval/knowledge-retriever';
import { InputValidator } from './input-validator';
import { PromptBuilder } from './prompt-builder';
import { TaskRegistry } from './task-registry';

const CHAT_MODES = new Set(['chat', 'agent-chat', 'advanced-chat']);
const HISTORY_TURNS = 50;

/** One chat or completion turn: validate, load memory, call the model, persist, emit Dify's events. */
@Injectable()
export class ChatGenerationService {
  private readonly log = new Logger(ChatGenerationService.name);

  constructor(
    private readonly registry: AppRegistry,
    private readonly inputs: InputValidator,
    private readonly endUsers: EndUserRepository,
    private readonly conversations: ConversationRepository,
    private readonly messages: MessageRepository,
    private readonly files: FilesService,
    private readonly prompts: PromptBuilder,
    private readonly llm: LlmClient,
    private readonly tokens: TokenCounter,
    private readonly credentials: ProviderCredentialsService,
    private readonly tasks: TaskRegistry,
    private readonly namer: ConversationNamer,
    private readonly retriever: KnowledgeRetriever,
    private readonly turns: TurnRepository,
    private readonly annotations: AnnotationMatcher,
  ) {}

  /** Blocking mode: the same turn, folded into Dify's single JSON body. */
  async blocking(req: GenerateRequest) {
    let answer = '';
    let end: SseEvent | undefined;
    let first: SseEvent | undefined;
    for await (const ev of this.stream(req, true)) {
      first ??= ev;
      if (ev.event === 'message') answer += ev.answer as string;
      else if (ev.event === 'message_end') end = ev;
      else if (ev.event === 'error') throw DomainError.fromPayload(ev as never);
    }
    if (!first || !end) throw new InternalServerError();
    return {
      event: 'message',
      task_id: end.task_id,
      id: end.id,
      message_id: end.message_id,
      ...(req.kind === 'chat' ? { conversation_id: end.conversation_id } : {}),
      mode: req.kind === 'chat' ? 'chat' : 'completion',
      answer,
      metadata: end.metadata,
      created_at: first.created_at,
    };
  }

  /** `blocking`: the caller sees nothing before the end, so the turn is written once, when it ends. */
  async *stream(req: GenerateRequest, blocking = false): AsyncGenerator<SseEvent> {
    const { caller, kind } = req;
    const { body } = req;
    const { app, config } = req.debug?.modelConfig
      ? await this.registry.withConfig(caller.appId, req.debug.modelConfig)
      : await this.registry.getRunnable(caller.appId);
    if (kind === 'chat' && !CHAT_MODES.has(app.mode)) throw new NotChatAppError();
    if (kind === 'completion' && app.mode !== 'completion') throw new NotCompletionAppError();

    const model = config.model.name;
    const creds = await this.credentials.resolve(app.tenantId, config.model.provider || 'openai');
    if (!creds.apiKey && !creds.baseUrl) throw new ProviderNotInitializeError();
    const endUserId = await this.endUsers.idFor(app.tenantId, app.id, caller.userType, caller.sessionId);
    const chatBody: ChatMessageBody | null = req.kind === 'chat' ? req.body : null;

    let existing: Conversation | null = null;
    let inputs: Record<string, unknown>;
    if (chatBody?.conversation_id) {
      existing = await this.conversations.findOwned(app.id, endUserId, chatBody.conversation_id);
      if (!existing) throw new NotFoundError('Conversation Not Exists.');
      inputs = existing.inputs;
    } else {
      inputs = this.inputs.validate(config.user_input_form as never, body.inputs);
    }
    const resolvedFiles = await this.files.resolve({ ...caller, tenantId: app.tenantId }, body.files);
    const isNew = !!chatBody && !existing;
    const history = existing ? await this.messages.recentTurns(existing.id, HISTORY_TURNS) : [];
    const params = (config.model.completion_params ?? {}) as Record<string, unknown>;
    const vision = modelInfo(model).vision || (config.file_upload as { image?: { enabled?: boolean } })?.image?.enabled === true;
    const images = vision ? resolvedFiles.filter((f) => f.type === 'image' && f.modelUrl).map((f) => ({ url: f.modelUrl, detail: 'high' as const })) : [];
    // Completion apps choose which input is the retrieval query (Dify's dataset_query_variable).
    const retrievalQuery = kind === 'chat' ? body.query : String(inputs[config.dataset_query_variable ?? ''] ?? body.query ?? '');
    // Annotation reply (chat apps): a query close enough to an annotated question gets its answer, without the model.
    const annotation = kind === 'chat' ? await this.annotations.match(app.tenantId, app.id, body.query ?? '') : null;
    // Dify's retriever_from names the surface asked: the Service API, the web app (our Web API), or the console's debugger.
    const from = req.debug ? 'dev' : caller.userType === 'service_api' ? 'api' : 'web_app';
    const resources = annotation ? [] : await this.retriever.retrieve(app.tenantId, config.dataset_configs, retrievalQuery, from);
    const context = resources.map((r) => r.content).join('\n\n') || undefined;
    const prompt = this.prompts.build({
      context,
      mode: kind,
      model,
      prePrompt: config.pre_prompt ?? '',
      inputs,
      query: body.query ?? '',
      history: history.filter((h) => h.status !== 'running'),
      images,
      maxCompletionTokens: Number(params.max_tokens ?? 1024),
    });

    const turn = this.turns.start(
      existing?.id ?? null,
      isNew
        ? {
            tenantId: app.tenantId,
            appId: app.id,
            endUserId,
            mode: app.mode,
            inputs,
            name: this.namer.fromQuery(chatBody!.query),
            introduction: config.opening_statement ?? '',
          }
        : null,
      {
        tenantId: app.tenantId,
        appId: app.id,
        endUserId,
        inputs,
        query: body.query ?? '',
        provider: config.model.provider,
        model,
        messageFiles: resolvedFiles.map((f) => f.view),
      },
      blocking,
    );
    const msg = { id: turn.messageId, createdAt: new Date(turn.createdAt) };
    const conversation = turn.conversationId ? { id: turn.conversationId } : null;
    const taskId = randomUUID();
    const ctl = this.tasks.register(taskId, `${app.id}:${caller.userType}:${caller.sessionId}`);
    const base = (event: string): SseEvent => ({
      event,
      task_id: taskId,
      id: msg.id,
      message_id: msg.id,
      ...(conversation ? { conversation_id: conversation.id } : {}),
      created_at: Math.floor(msg.createdAt.getTime() / 1000),
    });

    const started = performance.now();
    let answer = '';
    let usage: Usage | undefined;
    const chunks = (
      annotation ? annotatedReply(annotation.answer) : this.llm.streamChat({ credentials: creds, model, messages: prompt, params, signal: ctl.signal })
    )[Symbol.asyncIterator]();
    // The model call starts while the turn's first row is written: the first token waits for neither in turn.
    const first = chunks.next();
    first.catch(() => undefined);
    try {
      await turn.written;
    } catch (err) {
      // Nothing was sent yet: the caller gets this as a plain HTTP error, as when the row is written first.
      ctl.abort();
      this.tasks.release(taskId);
      throw err;
    }
    try {
      for (let r = await first; !r.done; r = await chunks.next()) {
        const chunk = r.value;
        if (chunk.delta) {
          answer += chunk.delta;
          yield { ...base('message'), answer: chunk.delta };
        }
        if (chunk.usage) usage = chunk.usage;
      }
    } catch (err) {
      const e = err instanceof DomainError ? err : new InternalServerError();
      if (!(err instanceof DomainError)) this.log.error(`generation ${taskId} failed: ${(err as Error)?.stack ?? err}`);
      await this.turns.finish(turn, { answer, status: 'error', error: e.message, latency: (performance.now() - started) / 1000 });
      this.tasks.release(taskId);
      yield {
        event: 'error',
        message_id: msg.id,
        ...(conversation ? { conversation_id: conversation.id } : {}),
        created_at: base('error').created_at,
        ...e.toPayload(),
      };
      return;
    }
    this.tasks.release(taskId);
    const latency = (performance.now() - started) / 1000;
    const promptTokens = annotation ? 0 : usage?.promptTokens || this.tokens.countMessages(prompt);
    const completionTokens = annotation ? 0 : (usage?.completionTokens ?? this.tokens.count(answer));
    const usageBlock = priceUsage(model, promptTokens, completionTokens, latency);
    await this.turns.finish(turn, {
      answer,
      status: 'normal',
      messageTokens: promptTokens,
      answerTokens: completionTokens,
      totalPrice: usageBlock.total_price,
      latency,
      retrieverResources: resources,
    });
    const showResources = (config.retriever_resource as { enabled?: boolean } | undefined)?.enabled !== false;
    const annotationReply = annotation ? annotationReplyMetadata(annotation) : {};
    // `files`: what the model produced (images); Dify sends null when there are none, as here.
    yield { ...base('message_end'), metadata: { usage: usageBlock, retriever_resources: showResources ? resources : [], ...annotationReply }, files: null };
    if (isNew && conversation && chatBody?.auto_generate_name) this.namer.renameInBackground(conversation.id, creds, model, chatBody.query);
  }

  async stop(req: StopRequest) {
    await this.tasks.stop(req.taskId, `${req.caller.appId}:${req.caller.userType}:${req.caller.sessionId}`);
    return { result: 'success' };
  }
}

/** An annotation's answer as the one chunk of a reply stream. */
async function* annotatedReply(answer: string): AsyncGenerator<{ delta?: string; usage?: Usage }> {
  yield { delta: answer };
}
