export * from './app-config';
export * from './app-config.provider';
export * from './config.errors';
export * from './config.module';
export * from './load-config';
export * from './with-config';
export * from './pino-logger';
export * from './request-context';
