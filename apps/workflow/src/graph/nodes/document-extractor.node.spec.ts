import assert from 'node:assert/strict';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { makePdf } from '../../../../../libs/rag/src/testing/fixtures';
import { SafeHttpClient } from '../../http/safe-http-client';
import { RemoteFileFetcher } from '../files/remote-file-fetcher';
import { UploadFileReader } from '../files/upload-file-reader';
import { VariablePool } from '../variable-pool';
import { DocumentExtractorNode } from './document-extractor.node';

const LIMIT = 64 * 1024;

describe('document-extractor with remote_url files', () => {
  let server: Server;
  let base = '';
  let pdf: Buffer;

  before(async () => {
    pdf = await makePdf(2, (p) => [`Remote page ${p}`]);
    server = createServer((req, res) => {
      if (req.url === '/files/notes.txt') return res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('Fetched over HTTP, café.');
      if (req.url === '/download?id=7')
        return res.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="deck.pdf"' }).end(pdf);
      if (req.url === '/moved') return res.writeHead(302, { location: '/files/notes.txt' }).end();
      if (req.url === '/huge.txt') return res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(LIMIT + 1));
      res.writeHead(404).end('no');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  const extractor = (allowPrivate: boolean) =>
    new DocumentExtractorNode(
      new UploadFileReader(
        {} as never,
        {} as never,
        new RemoteFileFetcher(new SafeHttpClient({ ssrfAllowPrivate: allowPrivate }), { uploadFileSizeLimitBytes: LIMIT }),
      ),
    );
  const run = (ex: DocumentExtractorNode, file: unknown) => {
    const pool = new VariablePool({});
    pool.set('start', { doc: file });
    return ex.execute(
      { id: 'ext', data: { type: 'document-extractor', variable_selector: ['start', 'doc'] } },
      { tenantId: 't', pool, signal: new AbortController().signal, chunk: () => undefined },
    );
  };
  const remote = (url: string) => ({ type: 'document', transfer_method: 'remote_url', url });

  it('downloads and extracts remote files when the address is allowed (SSRF_ALLOW_PRIVATE)', async () => {
    const ex = extractor(true);
    assert.equal((await run(ex, remote(`${base}/files/notes.txt`))).outputs.text, 'Fetched over HTTP, café.');
    assert.equal((await run(ex, remote(`${base}/moved`))).outputs.text, 'Fetched over HTTP, café.', 'redirects are followed');
    const many = await run(ex, [remote(`${base}/download?id=7`), { type: 'document', transfer_method: 'remote_url', remote_url: `${base}/files/notes.txt` }]);
    assert.match((many.outputs.text as string[])[0], /Remote page 1[\s\S]*Remote page 2/);
    assert.equal((many.outputs.text as string[])[1], 'Fetched over HTTP, café.');
    await assert.rejects(run(ex, remote(`${base}/missing.txt`)), /could not fetch the file at .*\/missing\.txt: HTTP 404/);
    await assert.rejects(run(ex, remote(`${base}/huge.txt`)), /larger than the upload limit/);
    await assert.rejects(run(ex, remote('not a url')), /not a valid URL/);
  });

  it('refuses private and loopback addresses by default, before connecting', async () => {
    const ex = extractor(false);
    await assert.rejects(run(ex, remote(`${base}/files/notes.txt`)), /Access to 127\.0\.0\.1 is blocked: loopback address/);
    await assert.rejects(run(ex, remote('http://169.254.169.254/latest/meta-data/')), /blocked: link-local/);
    await assert.rejects(run(ex, remote('file:///etc/passwd')), /only http and https URLs are allowed/);
  });
});
