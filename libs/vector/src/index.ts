export * from './vector-store';
export * from './vector.errors';
export * from './embedded-vector-store';
export * from './qdrant-vector-store';
export * from './vector.module';
