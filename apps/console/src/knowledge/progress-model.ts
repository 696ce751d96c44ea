/** A document's indexing status as the console API reports it (batch or single indexing-status). */
export interface IndexingStatus {
  id: string;
  indexing_status: string;
  processing_started_at?: number | null;
  parsing_completed_at?: number | null;
  cleaning_completed_at?: number | null;
  splitting_completed_at?: number | null;
  completed_at?: number | null;
  paused_at?: number | null;
  stopped_at?: number | null;
  error?: string | null;
  completed_segments?: number | null;
  total_segments?: number | null;
  created_at?: number | null;
}

export const STAGES = ['waiting', 'parsing', 'cleaning', 'splitting', 'indexing', 'completed'] as const;
export type Stage = (typeof STAGES)[number] | 'error' | 'paused';

export interface Progress {
  stage: Stage;
  /** 0..100 for the bar; stages before indexing take 40, segments the remaining 60 */
  percent: number;
  segments: { done: number; total: number } | null;
  elapsedSeconds: number | null;
  active: boolean;
  canPause: boolean;
  canResume: boolean;
  canRetry: boolean;
  error: string | null;
}

const STAGE_FLOOR: Record<string, number> = { waiting: 0, parsing: 5, cleaning: 20, splitting: 30, indexing: 40, completed: 100 };

export function stageOf(status: string): Stage {
  if (status === 'error' || status === 'paused') return status;
  return (STAGES as readonly string[]).includes(status) ? (status as Stage) : 'waiting';
}

/**
 * What the progress row shows for one status report. `nowSeconds` makes elapsed time tick between polls;
 * `previous` keeps the bar from moving backwards when a report arrives out of order.
 */
export function progressOf(s: IndexingStatus, nowSeconds: number, previous?: Progress): Progress {
  const stage = stageOf(s.indexing_status);
  const total = s.total_segments ?? 0;
  const done = Math.min(s.completed_segments ?? 0, total);
  let percent = STAGE_FLOOR[stage] ?? 0;
  if (stage === 'indexing' && total > 0) percent = 40 + Math.floor((60 * done) / total);
  if (stage === 'indexing' && percent >= 100) percent = 99;
  if (stage === 'paused' || stage === 'error') {
    // Keep where it stopped: segments tell, else the last stage reached.
    const reached = s.splitting_completed_at ? 40 : s.cleaning_completed_at ? 30 : s.parsing_completed_at ? 20 : 0;
    percent = total > 0 ? Math.max(reached, 40 + Math.floor((60 * done) / total)) : reached;
  }
  if (previous && previous.stage !== 'error' && stage !== 'error' && stage !== 'completed' && percent < previous.percent) percent = previous.percent;
  const start = s.processing_started_at ?? s.created_at ?? null;
  const end = s.completed_at ?? s.stopped_at ?? s.paused_at ?? (stage === 'error' ? (s.stopped_at ?? null) : null);
  const active = !['completed', 'error', 'paused'].includes(stage);
  const elapsedSeconds = start == null ? null : Math.max(0, (end ?? (active ? nowSeconds : start)) - start);
  return {
    stage,
    percent: Math.max(0, Math.min(100, percent)),
    segments: total > 0 ? { done, total } : null,
    elapsedSeconds,
    active,
    canPause: active,
    canResume: stage === 'paused',
    canRetry: stage === 'error',
    error: stage === 'error' ? s.error || null : null,
  };
}

export function formatElapsed(sec: number | null): string {
  if (sec == null) return '';
  const s = Math.round(sec);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${s % 60}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
}
