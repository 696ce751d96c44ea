import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppConfig } from '@sluice/config';
import { DomainError, ForbiddenError, IngestQueues, UnauthorizedError, roleMay } from '@sluice/contracts';
import { bullConnection, bullPrefix } from '@sluice/transport';
import { SessionAuthenticator } from '../auth/session-authenticator';
import { RequestIdMiddleware } from '../common/request-id.middleware';
import { accessLog } from '../health/access-log.middleware';

export const QUEUE_BOARD_PATH = '/console/queues';

/**
 * bull-board's page, minus its web-font link: the dashboard must not make an admin's browser call a
 * third party (it falls back to system fonts). Written under the temp dir, writable in the container.
 */
function offlineViews(): string {
  const ui = dirname(require.resolve('@bull-board/ui/package.json'));
  const page = readFileSync(join(ui, 'dist', 'index.ejs'), 'utf8').replace(/<link[^>]+fonts\.googleapis\.com[^>]*>/g, '');
  const dir = join(tmpdir(), `sluice-bull-board-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.ejs'), page);
  return dir;
}

/**
 * bull-board over the ingestion queues at /console/queues, for a workspace's owners and admins only
 * (the session cookie a logged-in admin's browser sends, or `Authorization: Bearer`): the queues
 * hold every workspace's jobs, so lesser roles never see them. It is an Express router,
 * not Nest routes, so the gateway mounts `handlers()` itself.
 */
@Injectable()
export class QueueBoardService implements OnApplicationShutdown {
  private readonly queues: Queue[];
  private readonly adapter = new ExpressAdapter();

  constructor(
    @Inject(AppConfig) cfg: AppConfig,
    private readonly sessions: SessionAuthenticator,
  ) {
    const opts = { connection: bullConnection(cfg), prefix: bullPrefix(cfg) };
    this.queues = Object.values(IngestQueues).map((name) => new Queue(name, opts));
    this.adapter.setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: this.queues.map((q) => new BullMQAdapter(q)),
      serverAdapter: this.adapter,
      options: { uiConfig: { boardTitle: 'Sluice queues' } },
    });
    this.adapter.setViewsPath(offlineViews());
  }

  /** request id, access log, session check, then the board. */
  handlers(): RequestHandler[] {
    const requestId = new RequestIdMiddleware();
    const auth = async (req: Request, res: Response, next: NextFunction) => {
      try {
        // The console's own session check, then the same role rule as an @Access('admin') route.
        const account = await this.sessions.authenticate(req);
        if (!roleMay('admin', account.role)) throw new ForbiddenError('You do not have permission to perform this action.');
        next();
      } catch (err) {
        const e = err instanceof DomainError ? err : new UnauthorizedError('Unauthorized.');
        res.status(e.status).json(e.toPayload());
      }
    };
    return [(req, res, next) => requestId.use(req, res, next), accessLog(`${QUEUE_BOARD_PATH}/*`), auth, this.adapter.getRouter()];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close().catch(() => undefined)));
  }
}
