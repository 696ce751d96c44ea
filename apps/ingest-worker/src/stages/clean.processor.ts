import { IngestJobData, IngestQueues } from '@sluice/contracts';
import { IngestQueue } from '@sluice/knowledge';
import { DocumentStateRepository } from '@sluice/knowledge';
import { ExtractedBlock, ProcessStats, TextUnit, cleanText, cleaningRulesFrom, parseProcessRule, units } from '@sluice/rag';
import { IntermediateStore } from '../pipeline/intermediate-store';
import type { Stage } from '../pipeline/stage';
import { IngestStage } from '../pipeline/stage-registry';

/**
 * Groups blocks into the units the splitter works on (a page, a heading section, a row, a table) and
 * applies the rule's pre_processing_rules to each.
 */
@IngestStage(IngestQueues.clean, 'parse')
export class CleanProcessor implements Stage {
  readonly verb = 'cleaning the text';

  constructor(
    private readonly state: DocumentStateRepository,
    private readonly store: IntermediateStore,
    private readonly queue: IngestQueue,
  ) {}

  async run(job: IngestJobData, signal?: AbortSignal): Promise<void> {
    const doc = await this.state.active(job);
    if (!doc || !(await this.state.startCleaning(job))) return;
    const rules = cleaningRulesFrom(parseProcessRule(doc.process_rule).rules.pre_processing_rules);
    const stats: ProcessStats = { blocks: 0, pages: 0, wordCount: 0, segments: 0, tokens: 0 };
    const blocks = this.store.read<ExtractedBlock>(job, 'blocks');
    async function* cleaned(): AsyncGenerator<TextUnit> {
      for await (const u of units(blocks, stats, signal)) yield { ...u, text: cleanText(u.text, rules) };
    }
    await this.store.write(job, 'units', cleaned());
    if (await this.state.finishCleaning(job)) await this.queue.enqueueStage(IngestQueues.split, job);
  }
}
