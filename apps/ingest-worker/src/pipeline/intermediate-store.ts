import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { Injectable } from '@nestjs/common';
import { IngestJobData } from '@sluice/contracts';
import { FileStorage } from '@sluice/storage';

/** blocks: parsed; units: cleaned; qa: a Q&A document's model-written segments (kept so a retried split does not pay the model again). */
export type IntermediateKind = 'blocks' | 'units' | 'qa';

/**
 * Text between stages lives in storage (DATA_DIR), one JSON object per line, written to a temp file
 * and renamed so a reader never sees half a file, and streamed so a 100 MB PDF is never one string.
 */
@Injectable()
export class IntermediateStore {
  constructor(private readonly storage: FileStorage) {}

  private dir(job: IngestJobData): string {
    return `ingest/${job.tenantId}/${job.documentId}`;
  }

  key(job: IngestJobData, kind: IntermediateKind): string {
    return `${this.dir(job)}/${job.generation}/${kind}.jsonl`;
  }

  exists(job: IngestJobData, kind: IntermediateKind): Promise<boolean> {
    return this.storage.exists(this.key(job, kind));
  }

  async write<T>(job: IngestJobData, kind: IntermediateKind, items: AsyncIterable<T>): Promise<number> {
    const path = this.storage.localPath(this.key(job, kind));
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    await mkdir(dirname(path), { recursive: true });
    const out = createWriteStream(tmp);
    let n = 0;
    try {
      for await (const item of items) {
        n++;
        if (!out.write(JSON.stringify(item) + '\n')) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
      await rename(tmp, path);
    } catch (err) {
      out.destroy();
      await rm(tmp, { force: true });
      throw err;
    }
    return n;
  }

  async *read<T>(job: IngestJobData, kind: IntermediateKind): AsyncGenerator<T> {
    const lines = createInterface({ input: createReadStream(this.storage.localPath(this.key(job, kind))), crlfDelay: Infinity });
    for await (const line of lines) if (line) yield JSON.parse(line) as T;
  }

  /** Removes one generation's intermediates (that run failed or was superseded). */
  async removeGeneration(job: IngestJobData): Promise<void> {
    await rm(this.storage.localPath(`${this.dir(job)}/${job.generation}`), { recursive: true, force: true });
  }

  /** Removes every generation's intermediates of the document. */
  async removeAll(job: Pick<IngestJobData, 'tenantId' | 'documentId'>): Promise<void> {
    await rm(this.storage.localPath(`ingest/${job.tenantId}/${job.documentId}`), { recursive: true, force: true });
  }
}
