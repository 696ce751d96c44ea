import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { AppConfig, ConfigModule, loadConfig } from '@sluice/config';
import { IngestJobs, IngestQueues } from '@sluice/contracts';
import { IngestStage, MaintenanceJob, StageRegistry } from './stage-registry';

// Stand-ins with the real decorators: the registry's check is about which queues and jobs are covered.
const stage = { verb: 'testing', run: async () => undefined };
@IngestStage(IngestQueues.parse, 'parse')
class Parse {
  verb = stage.verb;
  run = stage.run;
}
@IngestStage(IngestQueues.clean, 'parse')
class Clean {
  verb = stage.verb;
  run = stage.run;
}
@IngestStage(IngestQueues.split, 'parse')
class Split {
  verb = stage.verb;
  run = stage.run;
}
@IngestStage(IngestQueues.embed, 'embed')
class Embed {
  verb = stage.verb;
  run = stage.run;
}
@IngestStage(IngestQueues.index, 'embed')
class Index {
  verb = stage.verb;
  run = stage.run;
}
@MaintenanceJob(IngestJobs.watchdog)
class Watchdog {
  run = async () => 'swept';
}
@MaintenanceJob(IngestJobs.reindexDataset)
class Reindex {
  run = async (data: unknown) => data;
}

async function boot(providers: Function[]) {
  const cfg = loadConfig({ INGEST_PARSE_CONCURRENCY: '3', INGEST_EMBED_CONCURRENCY: '5' });
  @Module({ imports: [ConfigModule.forRoot(cfg), DiscoveryModule], providers: [StageRegistry, ...(providers as never[])] })
  class WorkerModule {}
  return NestFactory.createApplicationContext(WorkerModule, { logger: false, abortOnError: false });
}

describe('the ingest worker stage registry', () => {
  it('fails start-up when a stage queue has no processor', async () => {
    await assert.rejects(boot([Parse, Clean, Embed, Index, Watchdog, Reindex]), /stage queues without a processor: ingest-split/);
  });

  it('fails start-up when a maintenance job has no handler', async () => {
    await assert.rejects(boot([Parse, Clean, Split, Embed, Index, Watchdog]), /maintenance jobs without a handler: reindex-dataset/);
  });

  it('lists every stage in pipeline order with its budget, and routes maintenance jobs', async () => {
    const app = await boot([Index, Embed, Split, Clean, Parse, Reindex, Watchdog]);
    const registry = app.get(StageRegistry);
    const cfg = app.get(AppConfig);
    assert.deepEqual(
      registry.stages().map((s) => [s.queue, s.concurrency]),
      [
        ['ingest-parse', cfg.knowledge.parseConcurrency],
        ['ingest-clean', cfg.knowledge.parseConcurrency],
        ['ingest-split', cfg.knowledge.parseConcurrency],
        ['ingest-embed', cfg.knowledge.embedConcurrency],
        ['ingest-index', cfg.knowledge.embedConcurrency],
      ],
    );
    assert.equal(await registry.job('watchdog')!.run({}), 'swept');
    assert.deepEqual(await registry.job('reindex-dataset')!.run({ datasetId: 'd' }), { datasetId: 'd' });
    await app.close();
  });
});
