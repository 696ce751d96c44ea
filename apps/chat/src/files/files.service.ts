import { Injectable } from '@nestjs/common';
import { CallerIdentity, FileLocation, FileRef, InvalidParamError, NotFoundError, StoredUpload } from '@sluice/contracts';
import { EndUserRepository, UploadFilesRepository } from '@sluice/database';
import { FileStorage } from '@sluice/storage';

export interface ResolvedFile {
  id: string | null;
  type: string;
  transferMethod: 'remote_url' | 'local_file';
  /** what the model is given: the remote URL or a data: URL of the stored bytes */
  modelUrl: string;
  view: Record<string, unknown>;
}

@Injectable()
export class FilesService {
  constructor(
    private readonly repo: UploadFilesRepository,
    private readonly usable: UploadFilesRepository,
    private readonly endUsers: EndUserRepository,
    private readonly storage: FileStorage,
  ) {}

  /**
   * Where a file's bytes are, for `/v1/files/{id}/preview`: files uploaded through the caller's app.
   * Anything else (another app's, a console upload) reads as missing.
   */
  async describe(caller: CallerIdentity, id: string): Promise<FileLocation> {
    const [row] = await this.usable.findUsable(await this.usable.userOf(caller), [id]);
    if (!row) throw new NotFoundError('File not found.');
    return { storage_key: row.storageKey, name: row.name, mime_type: row.mimeType, size: Number(row.size) };
  }

  /** Records a file the gateway has already written to storage. */
  async register(caller: CallerIdentity | { tenantId: string; accountId: string }, upload: StoredUpload) {
    const isAccount = 'accountId' in caller;
    const createdBy = isAccount ? caller.accountId : await this.endUsers.idFor(caller.tenantId, caller.appId, caller.userType, caller.sessionId);
    const row = await this.repo.create({
      tenantId: caller.tenantId,
      appId: isAccount ? null : caller.appId,
      storageKey: upload.storageKey,
      name: upload.name,
      size: upload.size,
      extension: upload.extension,
      mimeType: upload.mimeType,
      createdByRole: isAccount ? 'account' : 'end_user',
      createdBy,
      hash: upload.sha256,
    });
    return {
      id: row.id,
      name: row.name,
      size: Number(row.size),
      extension: row.extension,
      mime_type: row.mimeType,
      created_by: createdBy,
      created_at: Math.floor(row.createdAt.getTime() / 1000),
    };
  }

  /** The `files` of a message: local files must be the caller's (see UploadFilesRepository), or they do not exist. */
  async resolve(caller: CallerIdentity, refs: FileRef[]): Promise<ResolvedFile[]> {
    const localIds = refs.filter((r) => r.transfer_method === 'local_file').map((r) => r.upload_file_id!);
    const rows = localIds.length ? await this.usable.findUsable(await this.usable.userOf(caller), localIds) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const out: ResolvedFile[] = [];
    for (const ref of refs) {
      if (ref.transfer_method === 'remote_url') {
        out.push({
          id: null,
          type: ref.type,
          transferMethod: 'remote_url',
          modelUrl: ref.url!,
          view: { id: null, type: ref.type, url: ref.url, belongs_to: 'user', transfer_method: 'remote_url' },
        });
        continue;
      }
      const row = byId.get(ref.upload_file_id!);
      if (!row) throw new InvalidParamError(`File not found (upload_file_id ${ref.upload_file_id}).`, { params: 'files' });
      let modelUrl = '';
      if (ref.type === 'image') {
        const bytes = await this.storage.load(row.storageKey);
        modelUrl = `data:${row.mimeType};base64,${bytes.toString('base64')}`;
      }
      out.push({
        id: row.id,
        type: ref.type,
        transferMethod: 'local_file',
        modelUrl,
        view: {
          id: row.id,
          type: ref.type,
          filename: row.name,
          mime_type: row.mimeType,
          size: Number(row.size),
          url: null,
          belongs_to: 'user',
          transfer_method: 'local_file',
          upload_file_id: row.id,
        },
      });
    }
    return out;
  }
}
