/** Small fetch helpers for tests: real HTTP against the running gateway. */
export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function http<T = any>(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: RequestInit['body'] } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: RequestInit['body'] | undefined = opts.raw;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** Reads an SSE response into its `data:` events (pings kept as {event:'ping'}). */
export async function sse(base: string, path: string, token: string, body: unknown): Promise<{ status: number; headers: Headers; events: any[]; raw: string }> {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const raw = await res.text();
  return { status: res.status, headers: res.headers, events: parseSse(raw), raw };
}

export function parseSse(raw: string): any[] {
  const events: any[] = [];
  for (const block of raw.split('\n\n')) {
    const line = block.trim();
    if (!line) continue;
    if (line === 'event: ping') events.push({ event: 'ping' });
    else if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
  }
  return events;
}

export interface ChatAppFixture {
  token: string;
  appId: string;
  key: string;
}

/** Setup → login → chat app with a config → API key: the admin journey every suite starts from. */
export async function createAdminAndApp(base: string, modelConfig?: Record<string, unknown>, mode = 'chat'): Promise<ChatAppFixture> {
  const setup = await http(base, 'POST', '/console/api/setup', { body: { email: 'admin@example.com', name: 'Admin', password: 'correct-horse-battery' } });
  if (setup.status !== 201 && setup.body?.code !== 'already_setup') throw new Error(`setup failed: ${setup.text}`);
  const login = await http(base, 'POST', '/console/api/login', { body: { email: 'admin@example.com', password: 'correct-horse-battery' } });
  const token = login.body.data.access_token as string;
  const app = await http(base, 'POST', '/console/api/apps', { token, body: { name: `app-${Math.random().toString(36).slice(2, 8)}`, mode } });
  if (app.status !== 201) throw new Error(`app create failed: ${app.text}`);
  if (modelConfig) {
    const r = await http(base, 'POST', `/console/api/apps/${app.body.id}/model-config`, { token, body: modelConfig });
    if (r.status !== 200) throw new Error(`model-config failed: ${r.text}`);
  }
  const key = await http(base, 'POST', `/console/api/apps/${app.body.id}/api-keys`, { token });
  return { token, appId: app.body.id, key: key.body.token };
}
