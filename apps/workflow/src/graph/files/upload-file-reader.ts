import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUuid } from '@sluice/contracts';
import { UploadFile } from '@sluice/database';
import { FileStorage } from '@sluice/storage';
import { RemoteFileFetcher } from './remote-file-fetcher';

export interface StoredFile {
  buffer: Buffer;
  filename: string;
  mimeType: string;
}

/** The bytes of a file from a Dify file value: uploaded to this workspace, or at a remote URL. */
@Injectable()
export class UploadFileReader {
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly storage: FileStorage, private readonly remote: RemoteFileFetcher) {}

  async read(tenantId: string, file: unknown, signal?: AbortSignal): Promise<StoredFile> {
    const f = (file ?? {}) as Record<string, unknown>;
    const method = f.transfer_method ?? (f.upload_file_id || f.related_id ? 'local_file' : f.url || f.remote_url ? 'remote_url' : undefined);
    if (method === 'remote_url') {
      const url = f.url ?? f.remote_url;
      if (typeof url !== 'string' || !url) throw new Error('the remote_url file has no url');
      return this.remote.fetch(url, signal);
    }
    const id = String(f.upload_file_id ?? f.related_id ?? f.id ?? '');
    if (!isUuid(id)) throw new Error('the variable does not hold a file (expected an object with upload_file_id)');
    const row = await this.ds.getRepository(UploadFile).findOne({ where: { tenantId, id } });
    if (!row) throw new Error(`file ${id} does not exist`);
    return { buffer: await this.storage.load(row.storageKey), filename: row.name, mimeType: row.mimeType };
  }
}
