export * from './full-text/full-text-tokenizer';
