import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { parse } from 'yaml';
import { NotFoundError } from '@sluice/contracts';

/** Swagger UI's files, served from the installed package: the docs page needs no CDN. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Sluice API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

// validatorUrl null: Swagger UI would otherwise send the document to an online validator.
const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null, tryItOutEnabled: false });\n`;

const API_TAGS = [
  { name: 'Service API', description: 'Apps: `Authorization: Bearer app-…`' },
  { name: 'Knowledge API', description: 'Datasets: `Authorization: Bearer dataset-…`' },
  { name: 'Console API', description: 'Administration: session cookie or `Bearer` access token' },
  { name: 'Web API', description: 'Web app users: `Bearer` user token or passport' },
  { name: 'Operations', description: 'Probes and this documentation' },
];

function apiOf(path: string): string {
  if (/^\/v1\/(datasets|workspaces)/.test(path)) return 'Knowledge API';
  if (path.startsWith('/v1/')) return 'Service API';
  if (path.startsWith('/console/api/')) return 'Console API';
  if (path.startsWith('/api/')) return 'Web API';
  return 'Operations';
}

/**
 * The committed OpenAPI document (apps/gateway/openapi.yaml, copied next to the compiled gateway by
 * the build) as JSON and YAML, and an interactive page over it.
 */
@Injectable()
export class ApiDocsService {
  private yamlText?: string;
  private json?: string;
  private readonly assetDir = (require('swagger-ui-dist') as { getAbsoluteFSPath(): string }).getAbsoluteFSPath();

  private load(): string {
    if (this.yamlText) return this.yamlText;
    // dist/apps/gateway/src/docs → dist/apps/gateway/openapi.yaml (copied by the build), or the source tree.
    const candidates = [join(__dirname, '..', '..', 'openapi.yaml'), join(__dirname, '..', '..', '..', '..', '..', 'apps', 'gateway', 'openapi.yaml')];
    const file = candidates.find((f) => existsSync(f));
    if (!file) throw new NotFoundError('The OpenAPI document is not part of this build.');
    this.yamlText = readFileSync(file, 'utf8');
    return this.yamlText;
  }

  openapiYaml(): string {
    return this.load();
  }

  /**
   * As JSON, with this server first in `servers` so "try it out" calls the server that served the
   * page, and every untagged operation grouped under its API so the page reads as four APIs.
   */
  openapiJson(): string {
    if (!this.json) {
      const doc = parse(this.load());
      doc.servers = [{ url: '/', description: 'this server' }, ...(doc.servers ?? [])];
      for (const [path, ops] of Object.entries<Record<string, { tags?: string[] }>>(doc.paths ?? {})) {
        for (const [method, op] of Object.entries(ops))
          if (method !== 'parameters' && op && typeof op === 'object' && !op.tags?.length) op.tags = [apiOf(path)];
      }
      doc.tags = API_TAGS.filter((t) => JSON.stringify(doc.paths).includes(`"${t.name}"`));
      this.json = JSON.stringify(doc);
    }
    return this.json;
  }

  page(): string {
    return PAGE;
  }

  /** A whitelisted asset: its content type and bytes. */
  asset(name: string): { type: string; body: Buffer | string } {
    if (name === 'init.js') return { type: 'application/javascript; charset=utf-8', body: INIT };
    const type = ASSETS[name];
    if (!type) throw new NotFoundError('Not found.');
    return { type, body: readFileSync(join(this.assetDir, name)) };
  }
}
