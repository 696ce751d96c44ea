import { Injectable } from '@nestjs/common';
import { isUuid } from '@sluice/contracts';
import { FileUser, UploadFilesRepository } from '@sluice/database';
import { FileStorage } from '@sluice/storage';
import { RemoteFileFetcher } from './remote-file-fetcher';
import type { StoredFile } from './stored-file';

export type { StoredFile };

/** The upload id a Dify file value names, or null when it is a remote file (or no file). */
export function localFileId(file: unknown): string | null {
  const f = (file ?? {}) as Record<string, unknown>;
  const method = f.transfer_method ?? (f.upload_file_id || f.related_id ? 'local_file' : f.url || f.remote_url ? 'remote_url' : undefined);
  if (method === 'remote_url') return null;
  return String(f.upload_file_id ?? f.related_id ?? f.id ?? '');
}

/** The bytes of a file from a Dify file value: uploaded by the run's user (app, end user), or at a remote URL. */
@Injectable()
export class UploadFileReader {
  constructor(
    private readonly uploads: UploadFilesRepository,
    private readonly storage: FileStorage,
    private readonly remote: RemoteFileFetcher,
  ) {}

  async read(user: FileUser | undefined, file: unknown, signal?: AbortSignal): Promise<StoredFile> {
    const id = localFileId(file);
    if (id === null) {
      const f = file as Record<string, unknown>;
      const url = f.url ?? f.remote_url;
      if (typeof url !== 'string' || !url) throw new Error('the remote_url file has no url');
      return this.remote.fetch(url, signal);
    }
    if (!isUuid(id)) throw new Error('the variable does not hold a file (expected an object with upload_file_id)');
    // Another app's or another visitor's upload reads exactly like a missing one.
    const [row] = user ? await this.uploads.findUsable(user, [id]) : [];
    if (!row) throw new Error(`file ${id} does not exist`);
    return { buffer: await this.storage.load(row.storageKey), filename: row.name, mimeType: row.mimeType };
  }
}
