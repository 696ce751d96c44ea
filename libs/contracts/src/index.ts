export * from './errors';
export * from './patterns';
