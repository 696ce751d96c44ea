import { DisplayStatus } from '@sluice/contracts';
import { DatasetDocument } from '@sluice/database';

const IN_FLIGHT = new Set(['waiting', 'parsing', 'cleaning', 'splitting', 'indexing']);

/** Whether the pipeline still owes this document work (pausable, not yet finished). */
export function isInFlight(d: Pick<DatasetDocument, 'indexingStatus'>): boolean {
  return IN_FLIGHT.has(d.indexingStatus);
}

/** Pausing keeps the stage in `indexing_status` (so resume knows where to continue); the API shows `paused`. */
export function apiIndexingStatus(d: Pick<DatasetDocument, 'indexingStatus' | 'isPaused'>): string {
  return d.isPaused && isInFlight(d) ? 'paused' : d.indexingStatus;
}

export function displayStatus(d: Pick<DatasetDocument, 'indexingStatus' | 'isPaused' | 'enabled' | 'archived'>): DisplayStatus {
  if (d.isPaused && isInFlight(d)) return 'paused';
  if (d.indexingStatus === 'waiting') return 'queuing';
  if (isInFlight(d)) return 'indexing';
  if (d.indexingStatus === 'error') return 'error';
  if (d.archived) return 'archived';
  return d.enabled ? 'available' : 'disabled';
}
