import { IngestJobData, IngestQueues } from '@sluice/contracts';
import { IngestQueue, QaGenerator } from '@sluice/knowledge';
import { DocumentRow, DocumentStateRepository } from '@sluice/knowledge';
import { NO_TEXT_MESSAGE, Segment, SegmentBuilder, TextUnit, parseProcessRule } from '@sluice/rag';
import { IntermediateStore } from '../pipeline/intermediate-store';
import type { Stage } from '../pipeline/stage';
import { PermanentStageError } from '../pipeline/stage-failure';
import { IngestStage } from '../pipeline/stage-registry';

/**
 * Splits the cleaned units into segments and writes them in bulk, replacing whatever an earlier run
 * or generation left, in one transaction: a crash leaves either the old rows or the new ones.
 */
@IngestStage(IngestQueues.split, 'parse')
export class SplitProcessor implements Stage {
  readonly verb = 'splitting the text';

  constructor(
    private readonly state: DocumentStateRepository,
    private readonly store: IntermediateStore,
    private readonly queue: IngestQueue,
    private readonly qa: QaGenerator,
  ) {}

  async run(job: IngestJobData, signal?: AbortSignal): Promise<void> {
    const doc = await this.state.active(job);
    if (!doc || !(await this.state.startSplitting(job))) return;
    const builder = new SegmentBuilder(parseProcessRule(doc.process_rule));
    // The model writes a Q&A document's segments; that takes seconds per chunk, so before the transaction.
    const qaSegments = doc.doc_form === 'qa_model' ? await this.questionsAndAnswers(job, doc, builder, signal) : null;
    const store = this.store;
    const outcome = await this.state.replaceSegments(job, async (writer) => {
      if (qaSegments) {
        for (const s of qaSegments) await writer.add(s);
      } else {
        for await (const unit of store.read<TextUnit>(job, 'units')) {
          signal?.throwIfAborted();
          for (const s of builder.add(unit)) await writer.add(s);
        }
        for (const s of builder.finish()) await writer.add(s);
      }
    });
    if (outcome === 'empty') throw new PermanentStageError(NO_TEXT_MESSAGE);
    if (outcome === 'committed') await this.queue.enqueueStage(IngestQueues.embed, job);
  }

  private async questionsAndAnswers(job: IngestJobData, doc: DocumentRow, builder: SegmentBuilder, signal?: AbortSignal): Promise<Segment[]> {
    if (await this.store.exists(job, 'qa')) {
      const saved: Segment[] = [];
      for await (const s of this.store.read<Segment>(job, 'qa')) saved.push(s);
      return saved;
    }
    const chunks: Segment[] = [];
    for await (const unit of this.store.read<TextUnit>(job, 'units')) {
      signal?.throwIfAborted();
      chunks.push(...builder.add(unit));
    }
    chunks.push(...builder.finish());
    if (!chunks.length) throw new PermanentStageError(NO_TEXT_MESSAGE);
    const segments = await this.qa.segments(job.tenantId, chunks, doc.doc_language, signal);
    if (!segments.length)
      throw new PermanentStageError('The model wrote no question/answer pairs for this document; check DEFAULT_LLM_MODEL, or use doc_form "text_model".');
    await this.store.write(
      job,
      'qa',
      (async function* () {
        yield* segments;
      })(),
    );
    return segments;
  }
}
