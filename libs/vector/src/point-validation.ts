import { isUuid } from '@sluice/contracts';
import type { VectorFilter, VectorPoint } from './vector-store';
import { VectorStoreRequestError } from './vector.errors';

const COLLECTION = /^[a-z0-9_]{1,200}$/;

export function assertCollection(name: string): void {
  if (!COLLECTION.test(name)) throw new VectorStoreRequestError(`Invalid vector collection name "${name}" (expected collectionName(model, dimension)).`);
}

export function assertUuids(what: string, ids: readonly string[]): void {
  const bad = ids.find((id) => !isUuid(id));
  if (bad !== undefined) throw new VectorStoreRequestError(`Invalid ${what} "${String(bad).slice(0, 80)}": expected a UUID.`);
}

export function assertFilter(filter: VectorFilter): void {
  assertUuids('dataset id', filter.datasetIds);
  if (filter.documentIds) assertUuids('document id', filter.documentIds);
}

/** Every point must be a UUID with a finite vector of the collection's dimension. */
export function assertPoints(points: readonly VectorPoint[], dimension: number): void {
  for (const p of points) {
    assertUuids('point id', [p.id]);
    assertUuids('dataset id', [p.payload.dataset_id]);
    assertUuids('document id', [p.payload.document_id]);
    if (p.vector.length !== dimension) {
      throw new VectorStoreRequestError(`Vector of point ${p.id} has dimension ${p.vector.length}, but the collection holds ${dimension}-dimensional vectors.`);
    }
    if (!p.vector.every(Number.isFinite)) throw new VectorStoreRequestError(`Vector of point ${p.id} contains a non-finite number.`);
  }
}

/** Cosine similarity reported in Dify's 0..1 score range (opposite directions count as 0). */
export function clampScore(similarity: number): number {
  return Math.min(1, Math.max(0, similarity));
}
