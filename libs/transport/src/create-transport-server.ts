import { RedisStreamsServer, StreamsServerOptions } from './redis-streams.server';

/** `app.connectMicroservice({ strategy: createTransportServer(cfg, 'chat') })`, or as a microservice's strategy. */
export function createTransportServer(
  cfg: { redisUrl: string; redisPrefix: string },
  service: string,
  opts: Partial<Omit<StreamsServerOptions, 'redisUrl' | 'prefix' | 'service'>> = {},
): RedisStreamsServer {
  return new RedisStreamsServer({ redisUrl: cfg.redisUrl, prefix: cfg.redisPrefix, service, ...opts });
}
