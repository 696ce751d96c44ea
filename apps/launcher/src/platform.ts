import type { Server } from 'node:http';
import { LoggerService } from '@nestjs/common';
import { PinoLogger, SluiceConfig, configSecrets } from '@sluice/config';
import { OpsServers, addReadinessCheck, processHealthChecker, startOpsServers } from '@sluice/observability';
import { transportHealth } from '@sluice/transport';
import { drainHttpServer } from './drain';
import { preflight } from './preflight';

interface Closable {
  close(): Promise<unknown>;
}

export interface RunningPlatform {
  config: SluiceConfig;
  /** the gateway's base URL when this process runs the gateway */
  url?: string;
  /** the gateway's Nest application, when this process runs it (tests read its routes from it) */
  gateway?: unknown;
  /** `/livez`, `/readyz`, `/health` of this process */
  healthUrl: string;
  /** Prometheus `/metrics` of this process */
  metricsUrl: string;
  /**
   * Graceful stop: readiness turns 503, the gateway stops accepting connections and waits for the
   * requests and SSE streams it is serving, then the services finish their requests and jobs.
   */
  stop(): Promise<void>;
}

/**
 * Starts the apps named in SERVICES inside this process. Each app is its own Nest application
 * and still reaches the others only through Redis, exactly as when they run as separate pods.
 * Apps are loaded by path so no app imports another.
 */
export async function startPlatform(cfg: SluiceConfig, logger?: LoggerService): Promise<RunningPlatform> {
  const log = logger ?? new PinoLogger(cfg.logLevel, 'sluice', configSecrets(cfg));
  await preflight(cfg, log);
  const checker = processHealthChecker({ databaseUrl: cfg.databaseUrl, redisUrl: cfg.redisUrl, services: cfg.services });
  // Redis answering is not enough: this process's transport loops and clients must be able to read too
  // (after Redis comes back empty they recreate their streams; until then the process is not ready).
  const removeTransportCheck = addReadinessCheck('transport', () => {
    const t = transportHealth.check();
    if (t.status === 'down') throw new Error(t.error);
  });
  const started: { name: string; app: Closable }[] = [];
  let ops: OpsServers | undefined;
  let url: string | undefined;
  let gateway: unknown;
  let gatewayServer: Server | undefined;
  try {
    // Services first, so the gateway never accepts a request nobody can answer.
    const order = ['chat', 'workflow', 'dataset', 'ingest-worker', 'gateway'].filter((s) => cfg.services.includes(s as never));
    for (const name of order) {
      const mod = require(`../../${name}/src/main`) as Record<string, (c: SluiceConfig, l: LoggerService) => Promise<Closable>>;
      const boot = Object.entries(mod).find(([k]) => k.startsWith('bootstrap'))?.[1];
      if (!boot) throw new Error(`apps/${name} exports no bootstrap function`);
      const app = await boot(cfg, log);
      started.push({ name, app });
      if (name === 'gateway') {
        gatewayServer = (app as unknown as { getHttpServer(): Server }).getHttpServer();
        const addr = gatewayServer.address();
        const port = typeof addr === 'object' && addr ? addr.port : cfg.port;
        url = `http://${cfg.host === '0.0.0.0' ? '127.0.0.1' : cfg.host}:${port}`;
        gateway = app;
      }
    }
    ops = await startOpsServers({ host: cfg.host, healthPort: cfg.healthPort, metricsPort: cfg.metricsPort, checker });
  } catch (err) {
    await Promise.allSettled(started.reverse().map((a) => a.app.close()));
    removeTransportCheck();
    await checker.close();
    throw err;
  }
  const host = cfg.host === '0.0.0.0' ? '127.0.0.1' : cfg.host;
  let stopping: Promise<void> | undefined;
  return {
    config: cfg,
    url,
    gateway,
    healthUrl: `http://${host}:${ops.healthPort}`,
    metricsUrl: `http://${host}:${ops.metricsPort}/metrics`,
    stop() {
      stopping ??= (async () => {
        checker.markShuttingDown();
        // The gateway's modules (Redis, transport clients) stay up until its last stream has ended.
        if (gatewayServer) await drainHttpServer(gatewayServer);
        // Gateway first: then the services finish what they are running (BullMQ workers wait for their jobs).
        for (const { app } of [...started].reverse())
          await app.close().catch((err) => log.error(`close failed: ${(err as Error)?.message}`, undefined, 'Launcher'));
        await ops!.close();
        removeTransportCheck();
        await checker.close();
      })();
      return stopping;
    },
  };
}
