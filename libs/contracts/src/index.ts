export * from './errors';
export * from './patterns';
export * from './dto';
export * from './sse';
export * from './knowledge.patterns';
export * from './workflow.patterns';
export * from './is-uuid';
export * from './console.patterns';
