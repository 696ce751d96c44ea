import { join } from 'node:path';
import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@sluice/config';
import { EmbeddedVectorStore } from './embedded-vector-store';
import { QdrantVectorStore } from './qdrant-vector-store';
import { VECTOR_STORE, VectorStore } from './vector-store';

/** Chooses the adapter from the configuration: Qdrant when QDRANT_URL is set, LanceDB under DATA_DIR otherwise. */
export function createVectorStore(cfg: Pick<AppConfig, 'qdrant' | 'dataDir' | 'knowledge'>): VectorStore {
  if (cfg.qdrant.url) return new QdrantVectorStore({ url: cfg.qdrant.url, apiKey: cfg.qdrant.apiKey });
  return new EmbeddedVectorStore(join(cfg.dataDir, 'vectors'), { memoryIndexBytes: cfg.knowledge.vectorMemoryIndexBytes });
}

@Global()
@Module({})
export class VectorModule implements OnApplicationShutdown {
  constructor(@Inject(VECTOR_STORE) private readonly store: VectorStore) {}

  static forRoot(): DynamicModule {
    return {
      module: VectorModule,
      providers: [{ provide: VECTOR_STORE, inject: [AppConfig], useFactory: (cfg: AppConfig) => createVectorStore(cfg) }],
      exports: [VECTOR_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
