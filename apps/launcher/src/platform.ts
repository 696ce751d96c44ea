import { LoggerService } from '@nestjs/common';
import type { Server } from 'node:http';
import { PinoLogger, SluiceConfig } from '@sluice/config';
import { startHealthServer } from './health-server';
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
  stop(): Promise<void>;
}

/**
 * Starts the apps named in SERVICES inside this process. Each app is its own Nest application
 * and still reaches the others only through Redis, exactly as when they run as separate pods.
 * Apps are loaded by path so no app imports another.
 */
export async function startPlatform(cfg: SluiceConfig, logger?: LoggerService): Promise<RunningPlatform> {
  const log = logger ?? new PinoLogger(cfg.logLevel, 'sluice');
  await preflight(cfg);
  const started: Closable[] = [];
  let healthServer: Server | undefined;
  let url: string | undefined;
  let gateway: unknown;
  try {
    // Services first, so the gateway never accepts a request nobody can answer.
    const order = ['chat', 'workflow', 'dataset', 'ingest-worker', 'gateway'].filter((s) => cfg.services.includes(s as never));
    for (const name of order) {
      const mod = require(`../../${name}/src/main`) as Record<string, (c: SluiceConfig, l: LoggerService) => Promise<Closable>>;
      const boot = Object.entries(mod).find(([k]) => k.startsWith('bootstrap'))?.[1];
      if (!boot) throw new Error(`apps/${name} exports no bootstrap function`);
      const app = await boot(cfg, log);
      started.push(app);
      if (name === 'gateway') {
        const addr = (app as unknown as { getHttpServer(): Server }).getHttpServer().address();
        const port = typeof addr === 'object' && addr ? addr.port : cfg.port;
        url = `http://${cfg.host === '0.0.0.0' ? '127.0.0.1' : cfg.host}:${port}`;
        gateway = app;
      }
    }
    if (!cfg.services.includes('gateway')) healthServer = await startHealthServer(cfg, cfg.services);
  } catch (err) {
    await Promise.allSettled(started.reverse().map((a) => a.close()));
    throw err;
  }
  return {
    config: cfg,
    url,
    gateway,
    async stop() {
      // Gateway first: stop taking requests, then let the services finish theirs.
      for (const app of [...started].reverse()) await app.close().catch(() => undefined);
      await new Promise((r) => (healthServer ? healthServer.close(r) : r(undefined)));
    },
  };
}
