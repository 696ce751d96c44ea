import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { LlmClient, ProviderCredentialsService } from '@sluice/llm';
import { BroadcastBus } from '@sluice/transport';
import { Int8Matrix } from '@sluice/vector';
import { decodeVector, encodeVector } from '../embedding/vector-codec';
import { AnnotationRepository, AnnotationSettings } from './annotation.repository';

const BATCH = 64;
/** Settings are read on every chat turn; changes reach every replica's cache by broadcast, this is only a backstop. */
const SETTINGS_TTL_MS = 30_000;
export const ANNOTATION_SETTINGS_TOPIC = 'annotations.settings-changed';

interface LoadedAnnotations {
  stamp: string;
  model: string;
  ids: string[];
  answers: string[];
  questions: string[];
  /** Row i is annotation i; exact, so the score threshold cuts where the app's setting says. */
  vectors: Int8Matrix | null;
}

export interface AnnotationHit {
  id: string;
  question: string;
  answer: string;
  score: number;
}

/** Dify's `message_end.metadata.annotation_reply` for an answer taken from an annotation (added over the API, so no account). */
export function annotationReplyMetadata(hit: AnnotationHit) {
  return { annotation_reply: { id: hit.id, account: { id: null, name: 'API' } } };
}

/**
 * Annotation reply: the app's annotated questions, embedded with its annotation model and held in
 * memory per app (reloaded when any annotation changes), searched exhaustively with the vector
 * lib's in-memory scan — apps annotate hundreds or thousands of questions, not millions.
 */
@Injectable()
export class AnnotationMatcher implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('AnnotationMatcher');
  private readonly loaded = new Map<string, LoadedAnnotations>();

  private readonly settingsCache = new Map<string, { at: number; value: Promise<AnnotationSettings | null> }>();
  private bus?: BroadcastBus;

  constructor(
    private readonly repo: AnnotationRepository,
    private readonly llm: LlmClient,
    private readonly credentials: ProviderCredentialsService,
    @Optional() @Inject(AppConfig) private readonly cfg?: AppConfig,
  ) {}

  async onModuleInit() {
    if (!this.cfg) return;
    this.bus = new BroadcastBus({ redisUrl: this.cfg.redisUrl, prefix: this.cfg.redisPrefix });
    await this.bus.subscribe<{ appId: string }>(ANNOTATION_SETTINGS_TOPIC, (p) => this.settingsCache.delete(p.appId));
  }

  async onModuleDestroy() {
    await this.bus?.close();
  }

  /** An app's reply settings, cached: most apps have none, and the chat path asks on every turn. */
  settings(appId: string): Promise<AnnotationSettings | null> {
    const hit = this.settingsCache.get(appId);
    if (hit && Date.now() - hit.at < SETTINGS_TTL_MS) return hit.value;
    const value = this.repo.settings(appId);
    this.settingsCache.set(appId, { at: Date.now(), value });
    value.catch(() => this.settingsCache.delete(appId));
    if (this.settingsCache.size > 10_000) this.settingsCache.delete(this.settingsCache.keys().next().value as string);
    return value;
  }

  /** Tells every replica (this one at once) that an app's reply settings changed. */
  async settingsChanged(appId: string): Promise<void> {
    this.settingsCache.delete(appId);
    await this.bus?.publish(ANNOTATION_SETTINGS_TOPIC, { appId });
  }

  /** Embeds every annotation of the app that has no embedding under the settings' model. */
  async embedPending(tenantId: string, appId: string, s: Pick<AnnotationSettings, 'embedding_provider' | 'embedding_model'>): Promise<void> {
    for (;;) {
      const rows = await this.repo.unembedded(appId, s.embedding_model, BATCH);
      if (!rows.length) return;
      const vectors = await this.embed(
        tenantId,
        s,
        rows.map((r) => r.question),
      );
      await this.repo.saveEmbeddings(
        s.embedding_model,
        rows.map((r, i) => ({ id: r.id, embedding: encodeVector(vectors[i]) })),
      );
    }
  }

  /** The closest annotated question at or above the threshold, or null (also when reply is off). */
  async match(tenantId: string, appId: string, query: string): Promise<AnnotationHit | null> {
    const s = await this.settings(appId);
    if (!s?.enabled || !query.trim()) return null;
    const set = await this.load(appId, s);
    if (!set.vectors) return null;
    const [q] = await this.embed(tenantId, s, [query]);
    if (q.length !== set.vectors.dimension) return null;
    const [top] = set.vectors.search(q, 1);
    if (!top || top.score < s.score_threshold) return null;
    const { row, score } = top;
    void this.repo.hit(set.ids[row]).catch((err) => this.log.warn(`annotation hit count: ${err.message}`));
    return { id: set.ids[row], question: set.questions[row], answer: set.answers[row], score };
  }

  private async load(appId: string, s: AnnotationSettings): Promise<LoadedAnnotations> {
    const stamp = await this.repo.stamp(appId);
    const cached = this.loaded.get(appId);
    if (cached && cached.stamp === stamp && cached.model === s.embedding_model) return cached;
    const rows = await this.repo.embedded(appId, s.embedding_model);
    const dimension = rows.length ? rows[0].embedding.length >> 2 : 0;
    const usable = rows.filter((r) => r.embedding.length >> 2 === dimension);
    const vectors = usable.length ? new Int8Matrix(dimension, { exact: true }) : null;
    for (const r of usable) vectors!.append(decodeVector(r.embedding));
    const set = {
      stamp,
      model: s.embedding_model,
      ids: usable.map((r) => r.id),
      answers: usable.map((r) => r.answer),
      questions: usable.map((r) => r.question),
      vectors,
    };
    this.loaded.set(appId, set);
    return set;
  }

  private async embed(tenantId: string, s: Pick<AnnotationSettings, 'embedding_provider' | 'embedding_model'>, texts: string[]): Promise<number[][]> {
    const credentials = await this.credentials.resolve(tenantId, s.embedding_provider || 'openai');
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += BATCH) {
      const { vectors } = await this.llm.embed({ credentials, model: s.embedding_model, inputs: texts.slice(i, i + BATCH) });
      out.push(...vectors);
    }
    return out;
  }
}
