export * from './vector-store';
export * from './vector.errors';
export * from './embedded-vector-store';
export * from './qdrant-vector-store';
export * from './vector.module';
export { Int8Matrix, type Int8MatrixOptions, type MatrixHit } from './int8-matrix';
