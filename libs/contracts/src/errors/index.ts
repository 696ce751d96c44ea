export * from './domain-error';
export * from './error-codes';
export * from './error-classes';
export * from './database-input-error';
