import { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SluiceConfig, withConfig } from '@sluice/config';
import { DifyExceptionFilter } from './common/dify-exception.filter';
import { GatewayModule } from './gateway.module';

/** The HTTP entry: /v1, /console/api, /api, /health, /metrics, and the web console at /. */
export async function bootstrapGateway(cfg: SluiceConfig, logger: LoggerService): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(withConfig(cfg, GatewayModule), { logger, bodyParser: true });
  app.useGlobalFilters(new DifyExceptionFilter());
  app.useBodyParser('json', { limit: '10mb' });
  app.useBodyParser('urlencoded', { limit: '10mb', extended: true });
  app.set('etag', false);
  app.set('x-powered-by', false);
  app.set('query parser', 'extended');
  app.enableCors({ origin: true, credentials: true });
  app.enableShutdownHooks();
  await app.listen(cfg.port, cfg.host);
  return app;
}
