import { Injectable } from '@nestjs/common';
import { CallerIdentity, InvalidParamError, isUuid } from '@sluice/contracts';
import { FileUser, UploadFilesRepository } from '@sluice/database';
import { localFileId } from './upload-file-reader';

/** Local files among run values, with the field each came from: `inputs.<name>` or the `files` list. */
function localFiles(inputs: Record<string, unknown>, files: unknown[]): { id: string; field: string }[] {
  const out: { id: string; field: string }[] = [];
  const visit = (v: unknown, field: string) => {
    if (Array.isArray(v)) return v.forEach((x) => visit(x, field));
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (!('transfer_method' in o) && !('upload_file_id' in o) && !('related_id' in o)) return;
    const id = localFileId(o);
    if (id !== null) out.push({ id, field });
  };
  for (const [name, v] of Object.entries(inputs ?? {})) visit(v, `inputs.${name}`);
  visit(files, 'files');
  return out;
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

  async assertOwned(user: FileUser, inputs: Record<string, unknown>, files: unknown[]): Promise<void> {
    const refs = localFiles(inputs, files);
    if (!refs.length) return;
    const found = new Set(
      (
        await this.uploads.findUsable(
          user,
          refs.map((r) => r.id),
        )
      ).map((f) => f.id),
    );
    const missing = refs.find((r) => !isUuid(r.id) || !found.has(r.id));
    if (missing) throw new InvalidParamError(`File not found (upload_file_id ${missing.id}).`, { params: missing.field });
  }
}
