import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { CompletionRequestError, PROVIDER_RETRY, retry } from '@sluice/contracts';
import { LlmClient, type ModelCredentials, ProviderCredentialsService } from '@sluice/llm';
import { type Segment, charLength, countGptTokens, parseQaPairs, qaPromptMessages, sha256Hex } from '@sluice/rag';
import { EmbedderTiming } from '../embedding/embedder-timing';
import { classifyProviderFailure } from '../embedding/embedding-errors';

/** Chunks sent to the model at once per document. */
const CONCURRENCY = 4;

/**
 * Turns the chunks of a `qa_model` document into question/answer segments with the deployment's
 * LLM (DEFAULT_LLM_MODEL on the workspace's `openai` provider), as Dify does with the workspace's
 * default model: one request per chunk, a few at a time, each retried with backoff on 429/5xx.
 * The question is the segment's content (what is embedded and matched), the answer its `answer`.
 */
@Injectable()
export class QaGenerator {
  private readonly logger = new Logger('QaGenerator');

  constructor(
    @Inject(AppConfig) private readonly cfg: AppConfig,
    private readonly credentials: ProviderCredentialsService,
    private readonly llm: LlmClient,
    private readonly timing: EmbedderTiming,
  ) {}

  /** Q&A segments numbered from 1 in chunk order; a chunk yielding no pairs adds none. */
  async segments(tenantId: string, chunks: readonly Segment[], language: string, signal?: AbortSignal): Promise<Segment[]> {
    const creds = await this.credentials.resolve(tenantId, 'openai');
    const results: Segment[][] = new Array(chunks.length);
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const i = next++;
        signal?.throwIfAborted();
        const reply = await this.ask(creds, chunks[i].content, language, signal);
        results[i] = parseQaPairs(reply).map(({ question, answer }) => ({
          position: 0,
          content: question,
          answer,
          wordCount: charLength(question) + charLength(answer),
          tokens: countGptTokens(question),
          hash: sha256Hex(question),
          ...(chunks[i].page !== undefined ? { page: chunks[i].page } : {}),
          ...(chunks[i].headingPath?.length ? { headingPath: chunks[i].headingPath } : {}),
        }));
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, chunks.length) }, worker));
    const out = results.flat();
    out.forEach((s, i) => (s.position = i + 1));
    return out;
  }

  private async ask(creds: ModelCredentials, text: string, language: string, signal?: AbortSignal): Promise<string> {
    const model = this.cfg.knowledge.defaultLlmModel;
    const reasonOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
    let attempts = 0;
    try {
      return await retry(
        async (attempt) => {
          attempts = attempt;
          return (await this.llm.chat({ credentials: creds, model, messages: qaPromptMessages(text, language), params: { temperature: 0.1 }, signal })).text;
        },
        {
          ...PROVIDER_RETRY,
          retryable: (err) => classifyProviderFailure(err) !== 'fatal',
          signal,
          sleep: (ms, s) => this.timing.sleep(ms, s),
          random: () => this.timing.random(),
          onRetry: (err, attempt, wait) => this.logger.warn(`Q&A generation attempt ${attempt} failed (${reasonOf(err)}); retrying in ${wait} ms`),
        },
      );
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new CompletionRequestError(
        `Generating questions and answers with ${model} failed${attempts > 1 ? ` after ${attempts} attempts` : ''}: ${reasonOf(err)}`,
      );
    }
  }
}
