export * from './transport.types';
export * from './redis-streams.server';
export * from './redis-streams.client';
export * from './broadcast-bus';
export * from './transport.module';
export * from './create-transport-server';
export * from './transport-error.filter';
export * from './start-microservice';
