import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { EndUserRepository } from './end-user.repository';
import { UploadFile } from './entities/upload-file.entity';

/**
 * Who is using uploaded files. Console accounts work for the whole workspace; an app's Service API
 * key acts for that app (any of its users); a web app visitor is one end user of one app.
 */
export type FileUser =
  | { tenantId: string; scope: 'workspace' }
  | { tenantId: string; scope: 'app'; appId: string }
  | { tenantId: string; scope: 'end_user'; appId: string; endUserId: string | null };

/** A caller as the services receive it (CallerIdentity's fields). */
export interface FileCaller {
  tenantId: string;
  appId: string;
  userType: string;
  sessionId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Uploaded files as their users may see them: a file uploaded through an app belongs to that app
 * (and, uploaded by a web app visitor, to that visitor); console uploads belong to the workspace.
 * Every place that turns an `upload_file_id` into bytes asks here, so another app's (or visitor's)
 * file reads exactly like a missing one.
 */
@Injectable()
export class UploadFilesRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly endUsers: EndUserRepository,
  ) {}

  async userOf(caller: FileCaller): Promise<FileUser> {
    if (caller.userType === 'account') return { tenantId: caller.tenantId, scope: 'workspace' };
    if (caller.userType === 'web_app') {
      // A read must not create the end user; a visitor without one has uploaded nothing.
      const endUserId = await this.endUsers.find(caller.appId, caller.userType, caller.sessionId);
      return { tenantId: caller.tenantId, scope: 'end_user', appId: caller.appId, endUserId };
    }
    return { tenantId: caller.tenantId, scope: 'app', appId: caller.appId };
  }

  /** The files among `ids` that `user` may use; ids that are not UUIDs, or not theirs, are left out. */
  async findUsable(user: FileUser, ids: string[]): Promise<UploadFile[]> {
    const wanted = [...new Set(ids.filter((id) => typeof id === 'string' && UUID.test(id)))];
    if (!wanted.length) return [];
    const qb = this.ds
      .getRepository(UploadFile)
      .createQueryBuilder('f')
      .where('f.tenant_id = :tenantId AND f.id IN (:...wanted)', { tenantId: user.tenantId, wanted });
    if (user.scope !== 'workspace') qb.andWhere('f.app_id = :appId', { appId: user.appId });
    if (user.scope === 'end_user') {
      if (!user.endUserId) return [];
      qb.andWhere(`f.created_by_role = 'end_user' AND f.created_by = :endUserId`, { endUserId: user.endUserId });
    }
    return qb.getMany();
  }

  create(f: Partial<UploadFile>): Promise<UploadFile> {
    const repo = this.ds.getRepository(UploadFile);
    return repo.save(repo.create(f));
  }

  findById(id: string): Promise<UploadFile | null> {
    return this.ds.getRepository(UploadFile).findOne({ where: { id } });
  }

  findMany(tenantId: string, ids: string[]): Promise<UploadFile[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.ds.getRepository(UploadFile).find({ where: { tenantId, id: In(ids) } });
  }

  /** Deletes the rows among `ids` no document refers to; returns their storage keys. */
  async deleteUnreferenced(tenantId: string, ids: string[]): Promise<string[]> {
    const rows: { id: string; storage_key: string }[] = await this.ds.query(
      // Wrapped in a CTE so the driver returns plain rows (a bare DELETE returns [rows, count]).
      `WITH gone AS (
         DELETE FROM upload_files f WHERE f.tenant_id = $1 AND f.id = ANY($2::uuid[])
            AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.file_id = f.id)
         RETURNING f.id, f.storage_key)
       SELECT * FROM gone`,
      [tenantId, ids],
    );
    return rows.map((r) => r.storage_key);
  }
}
