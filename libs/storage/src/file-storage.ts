import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@sluice/config';

/**
 * Files under DATA_DIR/storage, addressed by server-chosen keys (`upload_files/<tenant>/<uuid>.<ext>`)
 * so a client-given name can never choose a path. In Kubernetes DATA_DIR is a shared volume.
 */
@Injectable()
export class FileStorage {
  private readonly root: string;

  constructor(@Inject(AppConfig) cfg: Pick<AppConfig, 'dataDir'>) {
    this.root = resolve(cfg.dataDir, 'storage');
  }

  newKey(prefix: string, tenantId: string, extension: string): string {
    const ext = extension
      .replace(/[^a-z0-9]/gi, '')
      .slice(0, 16)
      .toLowerCase();
    return `${prefix}/${tenantId}/${randomUUID()}${ext ? '.' + ext : ''}`;
  }

  private pathOf(key: string): string {
    const p = resolve(this.root, key);
    if (!p.startsWith(this.root + sep)) throw new Error(`storage key escapes the storage root: ${key}`);
    return p;
  }

  async save(key: string, data: Buffer | string): Promise<{ size: number; sha256: string }> {
    const p = this.pathOf(key);
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, data);
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    return { size: buf.length, sha256: createHash('sha256').update(buf).digest('hex') };
  }

  load(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  stream(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  localPath(key: string): string {
    return this.pathOf(key);
  }

  async exists(key: string): Promise<boolean> {
    try {
      await stat(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /** Removes a key and everything under it (a folder of intermediate files). */
  async deleteTree(key: string): Promise<void> {
    await rm(this.pathOf(key), { recursive: true, force: true });
  }

  static join(...parts: string[]): string {
    return join(...parts)
      .split(sep)
      .join('/');
  }
}
