export * from './openai-test-server';
