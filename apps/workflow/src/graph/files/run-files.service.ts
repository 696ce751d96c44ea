import { Injectable } from '@nestjs/common';
import { CallerIdentity, InvalidParamError, isUuid } from '@sluice/contracts';
import { FileUser, UploadFilesRepository } from '@sluice/database';
import { localFileId } from './upload-file-reader';

/** Dify file values among run inputs: a file object, or a list of them. */
function fileIds(values: unknown[]): string[] {
  const ids: string[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (!('transfer_method' in o) && !('upload_file_id' in o) && !('related_id' in o)) return;
    const id = localFileId(o);
    if (id !== null) ids.push(id);
  };
  for (const v of values) {
    if (v && typeof v === 'object' && !Array.isArray(v) && !('transfer_method' in v)) Object.values(v).forEach(visit);
    else visit(v);
  }
  return ids;
}

/**
 * Whose uploads a run may read, and the check that the files a run is started with are theirs:
 * another app's or another visitor's file is refused before anything runs, as if it did not exist.
 */
@Injectable()
export class RunFilesService {
  constructor(private readonly uploads: UploadFilesRepository) {}

  userOf(caller: CallerIdentity): Promise<FileUser> {
    return this.uploads.userOf(caller);
  }

  /** `values`: the run's inputs object, its `files` list, … */
  async assertOwned(user: FileUser, ...values: unknown[]): Promise<void> {
    const ids = fileIds(values);
    if (!ids.length) return;
    const found = new Set((await this.uploads.findUsable(user, ids)).map((f) => f.id));
    const missing = ids.find((id) => !isUuid(id) || !found.has(id));
    if (missing !== undefined) throw new InvalidParamError(`File not found: upload_file_id ${missing}.`, { params: 'files' });
  }
}
