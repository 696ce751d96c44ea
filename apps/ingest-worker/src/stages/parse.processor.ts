import { IngestJobData, IngestQueues } from '@sluice/contracts';
import { Embedder, IngestQueue, SegmentIndexer } from '@sluice/knowledge';
import { DocumentRow, DocumentStateRepository } from '@sluice/knowledge';
import { ExtractedBlock, ExtractorRegistry, parseProcessRule } from '@sluice/rag';
import { FileStorage } from '@sluice/storage';
import { EmbeddingPrefetch } from '../pipeline/embedding-prefetch';
import { IntermediateStore } from '../pipeline/intermediate-store';
import type { Stage } from '../pipeline/stage';
import { PermanentStageError } from '../pipeline/stage-failure';
import { IngestStage } from '../pipeline/stage-registry';

const HEARTBEAT_EVERY_BLOCKS = 500;

/**
 * Extracts the source file into blocks (PDFs page by page in a worker thread) and stores them for the
 * clean stage. Meanwhile the blocks' embeddings are prefetched for the embed stage (see EmbeddingPrefetch).
 */
@IngestStage(IngestQueues.parse, 'parse')
export class ParseProcessor implements Stage {
  readonly verb = 'reading the file';
  private readonly registry = new ExtractorRegistry({ pdfInWorker: { readAhead: 16 } });

  constructor(
    private readonly state: DocumentStateRepository,
    private readonly store: IntermediateStore,
    private readonly storage: FileStorage,
    private readonly queue: IngestQueue,
    private readonly indexer: SegmentIndexer,
    private readonly embedder: Embedder,
  ) {}

  async run(job: IngestJobData, signal?: AbortSignal): Promise<void> {
    const doc = await this.state.active(job);
    if (!doc || doc.indexing_status === 'completed' || doc.indexing_status === 'error') return;
    const resumeAt = await this.resumePoint(job, doc);
    if (resumeAt) return this.queue.enqueueStage(resumeAt, job);

    const started = await this.state.startParsing(job);
    if (!started) return;
    const file = await this.state.sourceFile(doc);
    if (!file) throw new PermanentStageError('The uploaded file of this document no longer exists.');

    let words = 0;
    let blocks = 0;
    let stopped = false;
    const state = this.state;
    const source = this.registry.extract({ path: this.storage.localPath(file.storageKey), filename: file.name, mimeType: file.mimeType });
    const prefetch = await this.prefetchFor(job, doc);
    async function* counted(): AsyncGenerator<ExtractedBlock> {
      for await (const b of source) {
        signal?.throwIfAborted();
        words += b.text.length;
        if (++blocks % HEARTBEAT_EVERY_BLOCKS === 0 && !(await state.heartbeat(job))) {
          stopped = true;
          return;
        }
        prefetch?.push(b);
        yield b;
      }
    }
    try {
      await this.store.write(job, 'blocks', counted());
    } catch (err) {
      prefetch?.stop();
      throw err;
    }
    if (stopped) return prefetch?.stop();
    prefetch?.finish();
    const done = await this.state.finishParsing(job, words);
    if (done) await this.queue.enqueueStage(IngestQueues.clean, job);
  }

  /** Null when the dataset embeds nothing (economy: no embedding model is needed at all). */
  private async prefetchFor(job: IngestJobData, doc: DocumentRow): Promise<EmbeddingPrefetch | null> {
    const info = await this.indexer.datasetInfo(job.datasetId);
    // Q&A documents embed the model's questions, not the text's chunks: nothing to prefetch.
    if (info?.indexingTechnique !== 'high_quality' || doc.doc_form === 'qa_model') return null;
    let rule;
    try {
      rule = parseProcessRule(doc.process_rule);
    } catch {
      return null; // the clean stage reports an invalid rule
    }
    return new EmbeddingPrefetch(this.embedder, info, doc.doc_form, rule, async () => !!(await this.state.active(job)));
  }

  /**
   * Resume and watchdog re-enqueues start here: continue after the last stage this generation
   * finished instead of redoing it. Artifacts are keyed by generation, so an older run never counts.
   */
  private async resumePoint(job: IngestJobData, doc: DocumentRow) {
    if (doc.splitting_completed_at && (await this.state.hasSegmentsOfGeneration(job))) return IngestQueues.embed;
    if (doc.cleaning_completed_at && (await this.store.exists(job, 'units'))) return IngestQueues.split;
    if (doc.parsing_completed_at && (await this.store.exists(job, 'blocks'))) return IngestQueues.clean;
    return null;
  }
}
