import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HealthChecker } from './health-checker';
import { enableDefaultMetrics, registry, renderMetrics } from './metrics';

export interface OpsServers {
  checker: HealthChecker;
  /** bound ports (useful when 0 asked for a free one) */
  healthPort: number;
  metricsPort: number;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
};
const notFound = (res: ServerResponse) => json(res, 404, { code: 'not_found', message: 'Not found.', status: 404 });

/** `/livez`, `/readyz`, `/health` for the checker; shared by the ops server and the gateway's controller. */
export async function answerProbe(checker: HealthChecker, path: string): Promise<{ httpStatus: number; body: unknown } | undefined> {
  if (path === '/livez') return checker.liveness();
  if (path === '/readyz') return checker.readiness();
  if (path === '/health') return checker.health();
  return undefined;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Every process's operational endpoints, off the public API: probes on HEALTH_PORT and Prometheus
 * `/metrics` on METRICS_PORT (the same server when the two ports are equal, the default).
 */
export async function startOpsServers(opts: { host: string; healthPort: number; metricsPort: number; checker: HealthChecker }): Promise<OpsServers> {
  enableDefaultMetrics();
  // Equal ports (METRICS_PORT unset, or both 0 in tests) mean one server for both.
  const same = opts.healthPort === opts.metricsPort;
  const probes = async (req: IncomingMessage, res: ServerResponse, alsoMetrics: boolean) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return notFound(res);
    if (alsoMetrics && path === '/metrics') {
      const body = await renderMetrics();
      res.writeHead(200, { 'content-type': registry.contentType }).end(body);
      return;
    }
    const r = await answerProbe(opts.checker, path);
    if (!r) return notFound(res);
    json(res, r.httpStatus, r.body);
  };
  const health = createServer((req, res) => void probes(req, res, same).catch(() => json(res, 500, { status: 'error' })));
  const servers = [health];
  const healthPort = await listen(health, opts.healthPort, opts.host);
  let metricsPort = healthPort;
  if (!same) {
    const metrics = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path !== '/metrics') return notFound(res);
      renderMetrics().then(
        (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
        () => json(res, 500, { status: 'error' }),
      );
    });
    servers.push(metrics);
    try {
      metricsPort = await listen(metrics, opts.metricsPort, opts.host);
    } catch (err) {
      health.close();
      throw err;
    }
  }
  // Probes and scrapes must never hold a shutdown up.
  for (const s of servers) s.keepAliveTimeout = 1000;
  return {
    checker: opts.checker,
    healthPort,
    metricsPort,
    async close() {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise((r) => {
              s.close(r);
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}
