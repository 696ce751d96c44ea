export * from './llm.types';
export * from './llm-client';
export * from './llm-error-mapper';
export * from './llm.module';
export * from './model-catalog';
export * from './token-counter';
export * from './secret-box';
export * from './provider-credentials.service';
