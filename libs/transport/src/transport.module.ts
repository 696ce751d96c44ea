import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AppConfig } from '@sluice/config';
import { RedisStreamsClient } from './redis-streams.client';

export const transportToken = (service: string) => `SLUICE_TRANSPORT_CLIENT:${service}`;

/** Injects the transport client of a service: `@InjectTransport('chat') client: ClientProxy`. */
export const InjectTransport = (service: string) => Inject(transportToken(service));

@Global()
@Module({})
export class TransportModule implements OnApplicationShutdown {
  private static readonly registered = new Set<string>();

  constructor(private readonly moduleRef: ModuleRef) {}

  static forClients(services: string[]): DynamicModule {
    const providers = services.map((service) => ({
      provide: transportToken(service),
      inject: [AppConfig],
      useFactory: async (cfg: AppConfig) => {
        const client = new RedisStreamsClient({
          redisUrl: cfg.redisUrl,
          prefix: cfg.redisPrefix,
          service,
          timeoutMs: cfg.rpcTimeoutMs,
          localDispatch: cfg.transportLocalDispatch,
        });
        await client.connect();
        return client;
      },
    }));
    services.forEach((s) => TransportModule.registered.add(s));
    return { module: TransportModule, providers, exports: providers.map((p) => p.provide) };
  }

  async onApplicationShutdown() {
    for (const s of TransportModule.registered) {
      try {
        await this.moduleRef.get<RedisStreamsClient>(transportToken(s), { strict: false }).close();
      } catch {
        /* not registered in this application */
      }
    }
  }
}
