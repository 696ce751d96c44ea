import { Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observable, Subscription } from 'rxjs';
import { DomainError, InternalServerError, SseEvent } from '@sluice/contracts';
import { dependencyFailure } from '@sluice/transport';

const PING_MS = 10_000;

/**
 * Writes a streamed reply as Server-Sent Events. Nothing is sent until the first event, so
 * failures before the stream starts (unknown conversation, bad inputs) are still plain HTTP errors;
 * later failures become an `error` event and HTTP stays 200, as in Dify.
 */
@Injectable()
export class SseResponder {
  private readonly log = new Logger(SseResponder.name);

  pipe(req: Request, res: Response, source: Observable<SseEvent>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let started = false;
      let ping: NodeJS.Timeout | undefined;
      let last: SseEvent | undefined;
      let corked = false;
      const start = () => {
        started = true;
        res.status(200);
        res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
        res.setHeader('Cache-Control', 'no-cache');
        res.setHeader('Connection', 'keep-alive');
        res.setHeader('X-Accel-Buffering', 'no');
        // No flushHeaders(): the headers leave with the first event, in the same write.
        ping = setInterval(() => res.write('event: ping\n\n'), PING_MS);
      };
      const finish = () => {
        if (ping) clearInterval(ping);
        if (!res.writableEnded) res.end();
        resolve();
      };
      const sub: Subscription = source.subscribe({
        next: (ev) => {
          if (!started) start();
          last = ev;
          // Events arriving in one tick leave in one socket write.
          if (!corked) {
            corked = true;
            res.cork();
            process.nextTick(() => {
              corked = false;
              res.uncork();
            });
          }
          res.write(`data: ${JSON.stringify(ev)}\n\n`);
        },
        error: (err) => {
          if (!started) {
            reject(err);
            return;
          }
          const known = err instanceof DomainError ? err : dependencyFailure(err);
          if (!known) this.log.error(`stream failed: ${(err as Error)?.stack ?? err}`);
          const e = known ?? new InternalServerError();
          const ids = last ? { conversation_id: last.conversation_id, message_id: last.message_id } : {};
          res.write(`data: ${JSON.stringify({ event: 'error', ...ids, ...e.toPayload() })}\n\n`);
          finish();
        },
        complete: () => {
          if (!started) start();
          finish();
        },
      });
      // A client that goes away stops the relay; the service still finishes and saves the message.
      req.on('close', () => {
        if (!res.writableEnded) {
          sub.unsubscribe();
          finish();
        }
      });
    });
  }
}
