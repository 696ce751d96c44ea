/** Shared by the knowledge e2e suites: a dataset-key client for /v1 with multipart uploads and batch polling. */
import assert from 'node:assert/strict';
import { HttpResult, createAdminAndApp, http } from './http-client';
import { TestPlatform } from './test-platform';

export interface UploadFileSpec {
  name: string;
  bytes: Buffer | string;
  type?: string;
}

export class KnowledgeClient {
  constructor(
    readonly base: string,
    readonly key: string,
  ) {}

  /** Setup → admin → a dataset key: where every knowledge suite starts. */
  static async create(t: TestPlatform) {
    const admin = await createAdminAndApp(t.base);
    const k = await http(t.base, 'POST', '/console/api/datasets/api-keys', { token: admin.token });
    assert.equal(k.status, 201, k.text);
    return { admin, client: new KnowledgeClient(t.base, k.body.token as string) };
  }

  api(method: string, path: string, body?: unknown, token = this.key): Promise<HttpResult> {
    return http(this.base, method, `/v1${path}`, { token, body });
  }

  upload(path: string, file: UploadFileSpec | null, data?: unknown, token = this.key): Promise<HttpResult> {
    const form = new FormData();
    if (data !== undefined) form.append('data', typeof data === 'string' ? data : JSON.stringify(data));
    if (file) form.append('file', new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
    return http(this.base, 'POST', `/v1${path}`, { token, raw: form });
  }

  async newDataset(name: string, extra: Record<string, unknown> = {}) {
    const r = await this.api('POST', '/datasets', { name, indexing_technique: 'high_quality', ...extra });
    assert.equal(r.status, 200, r.text);
    return r.body;
  }

  /** Polls the batch until every document has finished (completed or error). */
  async waitForBatch(datasetId: string, batch: string, timeoutMs = 60_000): Promise<any[]> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.api('GET', `/datasets/${datasetId}/documents/${batch}/indexing-status`);
      assert.equal(r.status, 200, r.text);
      if (r.body.data.every((d: any) => d.indexing_status === 'completed' || d.indexing_status === 'error')) return r.body.data;
      if (Date.now() > end) assert.fail(`batch ${batch} did not finish: ${r.text}`);
      await new Promise((res) => setTimeout(res, 150));
    }
  }

  /** A completed text document; returns its id and the dataset's base path. */
  async textDocument(datasetId: string, body: Record<string, unknown>) {
    const r = await this.api('POST', `/datasets/${datasetId}/document/create-by-text`, body);
    assert.equal(r.status, 200, r.text);
    const [s] = await this.waitForBatch(datasetId, r.body.batch);
    assert.equal(s.indexing_status, 'completed', JSON.stringify(s));
    return { id: r.body.document.id as string, batch: r.body.batch as string };
  }
}
