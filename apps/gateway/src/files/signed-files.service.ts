import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Zip, ZipPassThrough } from 'fflate';
import { DatasetContracts, FileLocation } from '@sluice/contracts';
import { FileStorage } from '@sluice/storage';
import { ServiceProxy } from '../common/service-proxy';
import { FileUrlSigner } from './file-url-signer';

/** Stored files handed out by URL or as a ZIP: signed previews and document downloads. */
@Injectable()
export class SignedFilesService {
  constructor(
    private readonly signer: FileUrlSigner,
    private readonly proxy: ServiceProxy,
    private readonly storage: FileStorage,
  ) {}

  /** A signed URL on this server, as the client reached it. */
  urlFor(req: Request, fileId: string): { url: string } {
    return { url: this.signer.sign(`${req.protocol}://${req.get('host')}`, fileId, true) };
  }

  async serve(fileId: string, q: Record<string, string>, res: Response): Promise<void> {
    this.signer.verify(fileId, q);
    const f = await this.proxy.call(DatasetContracts.files.locate, { fileId });
    res.status(200);
    res.setHeader('Content-Type', f.mime_type || 'application/octet-stream');
    res.setHeader('Content-Length', String(f.size));
    // Uploaded HTML or SVG must not run script in the API's origin.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', 'sandbox');
    if (q.as_attachment === 'true') res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`);
    await pipeline(this.storage.stream(f.storage_key), res);
  }

  /** The files streamed into one ZIP, one after another (never all in memory); repeated names get a suffix. */
  async zip(files: FileLocation[], res: Response): Promise<void> {
    res.status(200);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', 'attachment; filename="documents.zip"');
    const done = new Promise<void>((resolve, reject) => {
      const zip = new Zip((err, chunk, final) => {
        if (err) return reject(err);
        res.write(chunk);
        if (final) resolve();
      });
      void (async () => {
        const used = new Map<string, number>();
        for (const f of files) {
          const entry = new ZipPassThrough(uniqueName(f.name, used));
          zip.add(entry);
          for await (const part of this.storage.stream(f.storage_key)) entry.push(part as Uint8Array);
          entry.push(new Uint8Array(0), true);
        }
        zip.end();
      })().catch(reject);
    });
    await done;
    res.end();
  }
}

function uniqueName(name: string, used: Map<string, number>): string {
  const n = used.get(name) ?? 0;
  used.set(name, n + 1);
  if (!n) return name;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
}
