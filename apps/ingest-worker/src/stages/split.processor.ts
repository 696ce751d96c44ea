import { Injectable } from '@nestjs/common';
import { IngestJobData, IngestQueues } from '@sluice/contracts';
import { IngestQueue } from '@sluice/knowledge';
import { NO_TEXT_MESSAGE, parseProcessRule, SegmentBuilder, TextUnit } from '@sluice/rag';
import { DocumentStateRepository, rowCount } from '../pipeline/document-state.repository';
import { IntermediateStore } from '../pipeline/intermediate-store';
import { SegmentWriter } from '../pipeline/segment-writer';
import { PermanentStageError } from '../pipeline/stage-failure';
import type { Stage } from '../pipeline/stage';

/**
 * Splits the cleaned units into segments and writes them in bulk, replacing whatever an earlier run
 * or generation left, in one transaction: a crash leaves either the old rows or the new ones.
 */
@Injectable()
export class SplitProcessor implements Stage {
  readonly verb = 'splitting the text';

  constructor(
    private readonly state: DocumentStateRepository,
    private readonly store: IntermediateStore,
    private readonly queue: IngestQueue,
  ) {}

  async run(job: IngestJobData, signal?: AbortSignal): Promise<void> {
    const doc = await this.state.active(job);
    if (!doc || !(await this.state.update(job, `indexing_status = 'splitting'`))) return;
    const builder = new SegmentBuilder(parseProcessRule(doc.process_rule));
    const store = this.store;
    const committed = await this.state.ds.transaction(async (m) => {
      // Two deliveries of this job must not interleave their delete + insert.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`split:${job.documentId}`]);
      await m.query('DELETE FROM document_segments WHERE document_id = $1', [job.documentId]);
      const writer = new SegmentWriter(m, job);
      for await (const unit of store.read<TextUnit>(job, 'units')) {
        signal?.throwIfAborted();
        for (const s of builder.add(unit)) await writer.add(s);
      }
      for (const s of builder.finish()) await writer.add(s);
      await writer.flush();
      if (writer.segments === 0) throw new PermanentStageError(NO_TEXT_MESSAGE);
      const res = await m.query(
        `UPDATE documents SET splitting_completed_at = now(), total_segments = $3, completed_segments = 0, tokens = $4, updated_at = now()
          WHERE id = $1 AND generation = $2 AND NOT is_paused AND indexing_status = 'splitting'`,
        [job.documentId, job.generation, writer.segments, writer.tokens],
      );
      if (rowCount(res) === 0) throw new SupersededSplit();
      return true;
    }).catch((err) => {
      if (err instanceof SupersededSplit) return false;
      throw err;
    });
    if (committed) await this.queue.enqueueStage(IngestQueues.embed, job);
  }
}

/** Rolls the transaction back when the document was paused, deleted or re-generated meanwhile. */
class SupersededSplit extends Error {}
