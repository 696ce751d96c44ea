import { Logger } from '@nestjs/common';
import { type DatasetIndexInfo, type Embedder, embeddingInputs } from '@sluice/knowledge';
import { ExtractedBlock, ProcessRule, ProcessStats, SegmentBuilder, cleanText, cleaningRulesFrom, units } from '@sluice/rag';

/** Provider batches handed to the Embedder per call (it runs a few requests of each call at once). */
const BATCHES_PER_CHUNK = 4;
const CHUNKS_IN_FLIGHT = 2;
/** Texts waiting for a request at most; segmenting pauses beyond it. */
const MAX_QUEUED_TEXTS = 4096;
/**
 * Blocks the parser may run ahead of segmenting. Beyond it (a provider much slower than parsing) the
 * prefetch gives up and the embed stage embeds the rest, so a huge file is never held in memory here.
 */
const MAX_BUFFERED_BLOCKS = 2000;
/** How often a running prefetch checks that the document is still wanted. */
const WATCH_MS = 300;

/**
 * Embeds a document's segments while it is still being parsed, on the CPU and network time parsing
 * leaves idle, so that the embed stage finds the vectors in the content-addressed cache (model +
 * sha256 of the text) or joins the request still in flight, and mostly only writes vectors.
 *
 * It runs the clean and split rules over the parsed blocks in memory only; the clean and split stages
 * still produce the segments that count. Nothing here is tied to the document's rows, so a document
 * paused, deleted or failed meanwhile leaves only cache entries behind. Best effort: any failure stops
 * the prefetch, and the embed stage embeds, retries and reports errors exactly as without it.
 */
export class EmbeddingPrefetch {
  private static readonly logger = new Logger('EmbeddingPrefetch');
  private readonly blocks: ExtractedBlock[] = [];
  private blocksEnded = false;
  private wakeSegmenter?: () => void;
  private texts: string[] = [];
  private segmenting = true;
  private running = 0;
  private stopped = false;
  private roomWaiter?: () => void;
  /** Aborts requests in flight when the prefetch stops (e.g. the document was paused). */
  private readonly abort = new AbortController();
  /** Checks now and then whether the document is still wanted, so a pause also ends requests in flight. */
  private readonly watch: NodeJS.Timeout;

  /** @param wanted whether the document still wants embeddings (not paused, deleted or superseded) */
  constructor(
    private readonly embedder: Embedder,
    private readonly info: DatasetIndexInfo,
    private readonly docForm: string,
    rule: ProcessRule,
    private readonly wanted: () => Promise<boolean>,
  ) {
    void this.segment(rule).catch((err) => this.stop(err));
    this.watch = setInterval(() => {
      if (!this.segmenting && this.running === 0) return clearInterval(this.watch);
      this.wanted().then(
        (yes) => yes || this.stop(),
        () => undefined,
      );
    }, WATCH_MS);
    this.watch.unref();
  }

  /** A parsed block, in order. */
  push(block: ExtractedBlock): void {
    if (this.stopped || this.blocksEnded) return;
    if (this.blocks.length >= MAX_BUFFERED_BLOCKS) return this.stop(new Error('segmenting fell behind parsing'));
    this.blocks.push(block);
    this.wake();
  }

  /** Parsing finished: segment and embed the rest. */
  finish(): void {
    this.blocksEnded = true;
    this.wake();
  }

  /** Parsing failed or stopped: start no more requests (those in flight still fill the cache). */
  stop(reason?: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.watch);
    this.abort.abort();
    this.blocks.length = 0;
    this.texts = [];
    this.wake();
    if (reason) EmbeddingPrefetch.logger.debug(`stopped: ${(reason as Error).message ?? reason}`);
  }

  private wake(): void {
    this.wakeSegmenter?.();
    this.roomWaiter?.();
  }

  private async *parsed(): AsyncGenerator<ExtractedBlock> {
    let next = 0;
    for (;;) {
      if (this.stopped) return;
      if (next < this.blocks.length) {
        yield this.blocks[next++];
        // Drops consumed blocks now and then instead of shifting the array on every block.
        if (next >= 256) {
          this.blocks.splice(0, next);
          next = 0;
        }
        continue;
      }
      if (this.blocksEnded) return;
      await new Promise<void>((r) => (this.wakeSegmenter = r));
      this.wakeSegmenter = undefined;
    }
  }

  /** The clean and split stages' rules, in memory: the same segment texts they will produce. */
  private async segment(rule: ProcessRule): Promise<void> {
    const cleaning = cleaningRulesFrom(rule.rules.pre_processing_rules);
    const builder = new SegmentBuilder(rule);
    const stats: ProcessStats = { blocks: 0, pages: 0, wordCount: 0, segments: 0, tokens: 0 };
    for await (const unit of units(this.parsed(), stats)) {
      for (const s of builder.add({ ...unit, text: cleanText(unit.text, cleaning) })) this.texts.push(...embeddingInputs(this.docForm, s));
      this.pump();
      while (!this.stopped && this.texts.length >= MAX_QUEUED_TEXTS) await new Promise<void>((r) => (this.roomWaiter = r));
      this.roomWaiter = undefined;
      if (this.stopped) return;
    }
    for (const s of builder.finish()) this.texts.push(...embeddingInputs(this.docForm, s));
    this.segmenting = false;
    this.pump();
  }

  private pump(): void {
    const chunk = this.embedder.batchSize * BATCHES_PER_CHUNK;
    while (!this.stopped && this.running < CHUNKS_IN_FLIGHT && (this.texts.length >= chunk || (!this.segmenting && this.texts.length))) {
      const texts = this.texts.splice(0, chunk);
      this.running++;
      this.roomWaiter?.();
      void this.send(texts).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async send(texts: string[]): Promise<void> {
    try {
      if (!(await this.wanted())) return this.stop();
      await this.embedder.embedTexts(this.info.tenantId, this.info.model, texts, this.abort.signal);
    } catch (err) {
      this.stop(err);
    }
  }
}
