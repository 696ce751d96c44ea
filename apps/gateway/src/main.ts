import { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SluiceConfig, withConfig } from '@sluice/config';
import { corsMiddleware } from './common/cors-policy';
import { DifyExceptionFilter } from './common/dify-exception.filter';
import { EdgeInputPipe } from './common/edge-input.pipe';
import { GatewayModule } from './gateway.module';
import { QUEUE_BOARD_PATH, QueueBoardService } from './queues/queue-board.service';

/** The HTTP entry: /v1, /console/api, /api, /console/queues, /docs, /health, and the web console at /. Signals are the launcher's. */
export async function bootstrapGateway(cfg: SluiceConfig, logger: LoggerService): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(withConfig(cfg, GatewayModule), { logger, bodyParser: true, abortOnError: false });
  // First, so preflights are answered before any parser or guard sees them.
  app.use(corsMiddleware(cfg.cors));
  app.useGlobalFilters(new DifyExceptionFilter());
  app.useGlobalPipes(new EdgeInputPipe());
  app.useBodyParser('json', { limit: '10mb' });
  app.useBodyParser('urlencoded', { limit: '10mb', extended: true });
  app.set('etag', false);
  app.set('x-powered-by', false);
  app.set('query parser', 'extended');
  // X-Forwarded-Proto (Secure cookies) and X-Forwarded-For count only when sent by a proxy listed here.
  if (cfg.trustedProxies.length) app.set('trust proxy', cfg.trustedProxies);
  app.use(QUEUE_BOARD_PATH, ...app.get(QueueBoardService).handlers());
  await app.listen(cfg.port, cfg.host);
  return app;
}
