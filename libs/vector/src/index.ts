export * from './vector-store';
