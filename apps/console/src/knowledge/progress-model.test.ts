import { describe, expect, it } from 'vitest';
import { formatElapsed, progressOf } from './progress-model';

describe('document progress', () => {
  it('moves through the stages and fills the last 60% with indexed segments', () => {
    const base = { id: 'd', processing_started_at: 100 };
    expect(progressOf({ ...base, indexing_status: 'waiting' }, 100).percent).toBe(0);
    expect(progressOf({ ...base, indexing_status: 'parsing' }, 101)).toMatchObject({
      stage: 'parsing',
      percent: 5,
      active: true,
      canPause: true,
      elapsedSeconds: 1,
    });
    expect(progressOf({ ...base, indexing_status: 'splitting' }, 102).percent).toBe(30);
    const half = progressOf({ ...base, indexing_status: 'indexing', completed_segments: 5, total_segments: 10 }, 110);
    expect(half).toMatchObject({ percent: 70, segments: { done: 5, total: 10 }, elapsedSeconds: 10 });
    expect(progressOf({ ...base, indexing_status: 'indexing', completed_segments: 10, total_segments: 10 }, 111).percent).toBe(99);
    expect(progressOf({ ...base, indexing_status: 'completed', completed_at: 112 }, 500)).toMatchObject({
      percent: 100,
      active: false,
      elapsedSeconds: 12,
      canPause: false,
    });
  });

  it('never moves the bar backwards on a late report, but shows an error at once with its message', () => {
    const ahead = progressOf({ id: 'd', indexing_status: 'indexing', completed_segments: 8, total_segments: 10, processing_started_at: 0 }, 5);
    const late = progressOf({ id: 'd', indexing_status: 'indexing', completed_segments: 2, total_segments: 10, processing_started_at: 0 }, 6, ahead);
    expect(late.percent).toBe(ahead.percent);
    const failed = progressOf({ id: 'd', indexing_status: 'error', error: 'PDF is encrypted', processing_started_at: 0, stopped_at: 3 }, 9, ahead);
    expect(failed).toMatchObject({ stage: 'error', error: 'PDF is encrypted', canRetry: true, canResume: false, elapsedSeconds: 3, active: false });
  });

  it('a paused document keeps its progress, stops its clock and can be resumed', () => {
    const p = progressOf(
      {
        id: 'd',
        indexing_status: 'paused',
        parsing_completed_at: 2,
        cleaning_completed_at: 3,
        splitting_completed_at: 4,
        completed_segments: 3,
        total_segments: 6,
        processing_started_at: 0,
        paused_at: 7,
      },
      60,
    );
    expect(p).toMatchObject({ stage: 'paused', percent: 70, canResume: true, canPause: false, elapsedSeconds: 7 });
  });

  it('formats elapsed time for people', () => {
    expect([formatElapsed(null), formatElapsed(4.4), formatElapsed(75), formatElapsed(3700)]).toEqual(['', '4s', '1m 15s', '1h 1m']);
  });
});
