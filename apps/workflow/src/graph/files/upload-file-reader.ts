import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isUuid } from '@sluice/contracts';
import { UploadFile } from '@sluice/database';
import { FileStorage } from '@sluice/storage';

export interface StoredFile {
  buffer: Buffer;
  filename: string;
  mimeType: string;
}

/** The bytes of a file uploaded to this workspace, from a Dify file value or reference. */
@Injectable()
export class UploadFileReader {
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly storage: FileStorage) {}

  async read(tenantId: string, file: unknown): Promise<StoredFile> {
    const f = (file ?? {}) as Record<string, unknown>;
    const method = f.transfer_method ?? (f.upload_file_id || f.related_id ? 'local_file' : undefined);
    if (method === 'remote_url') throw new Error('remote_url files cannot be read by this node yet; upload the file (transfer_method local_file)');
    const id = String(f.upload_file_id ?? f.related_id ?? f.id ?? '');
    if (!isUuid(id)) throw new Error('the variable does not hold a file (expected an object with upload_file_id)');
    const row = await this.ds.getRepository(UploadFile).findOne({ where: { tenantId, id } });
    if (!row) throw new Error(`file ${id} does not exist`);
    return { buffer: await this.storage.load(row.storageKey), filename: row.name, mimeType: row.mimeType };
  }
}
