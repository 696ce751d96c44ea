import { setTimeout as delay } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';

/** Time and randomness of the retry loop, injectable so tests run without real waits. */
@Injectable()
export class EmbedderTiming {
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return ms > 0 ? delay(ms, undefined, { signal }) : Promise.resolve();
  }

  random(): number {
    return Math.random();
  }
}
