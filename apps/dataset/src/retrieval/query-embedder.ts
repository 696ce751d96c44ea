/**
 * What retrieval needs from the embedding layer: one normalized query vector. An abstract class so
 * it can be a Nest token (bound to `@sluice/knowledge`'s Embedder) and replaced by a fake in unit tests.
 */
export abstract class QueryEmbedder {
  abstract embedQuery(tenantId: string, model: { provider: string; name: string }, text: string): Promise<number[]>;
}
