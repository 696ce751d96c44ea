export * from './zod-parse';
export * from './service-api.dto';
export * from './console.dto';
export * from './stored-upload';
export * from './console-app.dto';
export * from './console-logs.dto';
export * from './console-knowledge.dto';
