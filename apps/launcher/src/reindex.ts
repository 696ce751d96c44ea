import { ConfigValidationError, loadConfig } from '@sluice/config';
import { IngestJobs, IngestQueues } from '@sluice/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USAGE = 'Usage: npm run reindex -- <dataset_id> [--no-wait]';

/**
 * `npm run reindex -- <dataset_id>`: rebuilds one dataset's vectors and full-text index from the
 * segments in PostgreSQL, by the ingest workers' reindex job — after switching between the embedded
 * store and Qdrant, or restoring a backup. Waits for the job and prints how many segments it indexed.
 */
async function main(argv: string[]): Promise<number> {
  const datasetId = argv.find((a) => !a.startsWith('--'));
  const wait = !argv.includes('--no-wait');
  if (!datasetId || !UUID.test(datasetId)) {
    console.error(USAGE);
    return 2;
  }
  let cfg;
  try {
    cfg = loadConfig();
  } catch (err) {
    if (err instanceof ConfigValidationError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  // Loaded only once the arguments are known good: the knowledge library is big, a usage error should be quick.
  const { Queue, QueueEvents } = require('bullmq') as typeof import('bullmq');
  const { bullConnection, bullPrefix } = require('@sluice/knowledge') as typeof import('@sluice/knowledge');
  const opts = { connection: bullConnection(cfg), prefix: bullPrefix(cfg) };
  const queue = new Queue(IngestQueues.maintenance, opts);
  const events = wait ? new QueueEvents(IngestQueues.maintenance, opts) : undefined;
  try {
    await events?.waitUntilReady();
    const job = await queue.add(
      IngestJobs.reindexDataset,
      { datasetId },
      { jobId: `reindex-${datasetId}-${Date.now().toString(36)}`, removeOnComplete: 100, removeOnFail: 100 },
    );
    console.log(`Reindex of dataset ${datasetId} queued (job ${job.id}).`);
    if (!events) return 0;
    console.log('Waiting for an ingest worker to run it (Ctrl-C stops waiting; the job goes on)...');
    const count = (await job.waitUntilFinished(events)) as number;
    console.log(
      count ? `Dataset ${datasetId}: ${count} segments reindexed.` : `Dataset ${datasetId}: nothing to reindex (unknown dataset, or no completed documents).`,
    );
    return 0;
  } catch (err) {
    console.error(`Reindex failed: ${(err as Error)?.message ?? err}`);
    return 1;
  } finally {
    await events?.close();
    await queue.close();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
