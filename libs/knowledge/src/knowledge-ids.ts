import { createHash } from 'node:crypto';

/** Namespace of Sluice's name-based UUIDs (random, fixed forever: changing it would orphan every vector). */
const NAMESPACE = Buffer.from('6f1c1a52b3d84f0e9a4b2d7c5e8f1a3b', 'hex');

/** RFC 4122 version-5 UUID of `name` in Sluice's namespace. */
export function uuidV5(name: string): string {
  const h = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** The vector point id of a segment: the same document, generation and position always map to the same id. */
export function segmentNodeId(documentId: string, generation: number, position: number): string {
  return uuidV5(`segment:${documentId}:${generation}:${position}`);
}

/** The vector point id of a child chunk of a hierarchical segment. */
export function childNodeId(segmentNodeId: string, position: number): string {
  return uuidV5(`child:${segmentNodeId}:${position}`);
}
