export * from './metrics';
export * from './health-checker';
export * from './ops-server';
export * from './tracing';
export * from './transport-observer';
export * from './model-observer';
