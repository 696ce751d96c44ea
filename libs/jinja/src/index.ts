export { TemplateSandbox, TEMPLATE_MAX_LENGTH, TEMPLATE_MEMORY_MB, TEMPLATE_POOL_SIZE, TEMPLATE_TIMEOUT_MS } from './template-sandbox';
