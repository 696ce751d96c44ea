import { Injectable } from '@nestjs/common';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Prometheus text metrics kept in memory: request counts and latency by route and status. */
@Injectable()
export class MetricsService {
  private readonly counts = new Map<string, number>();
  private readonly hist = new Map<string, { buckets: number[]; sum: number; count: number }>();

  observe(method: string, route: string, status: number, seconds: number) {
    const k = `method="${method}",route="${route}",status="${status}"`;
    this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
    const hk = `method="${method}",route="${route}"`;
    let h = this.hist.get(hk);
    if (!h) this.hist.set(hk, (h = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) h.buckets[i]++;
    h.sum += seconds;
    h.count++;
  }

  render(): string {
    const lines = ['# TYPE sluice_http_requests_total counter'];
    for (const [k, v] of this.counts) lines.push(`sluice_http_requests_total{${k}} ${v}`);
    lines.push('# TYPE sluice_http_request_duration_seconds histogram');
    for (const [k, h] of this.hist) {
      BUCKETS.forEach((b, i) => lines.push(`sluice_http_request_duration_seconds_bucket{${k},le="${b}"} ${h.buckets[i]}`));
      lines.push(`sluice_http_request_duration_seconds_bucket{${k},le="+Inf"} ${h.count}`);
      lines.push(`sluice_http_request_duration_seconds_sum{${k}} ${h.sum}`, `sluice_http_request_duration_seconds_count{${k}} ${h.count}`);
    }
    const mem = process.memoryUsage();
    lines.push('# TYPE process_resident_memory_bytes gauge', `process_resident_memory_bytes ${mem.rss}`);
    lines.push('# TYPE nodejs_heap_used_bytes gauge', `nodejs_heap_used_bytes ${mem.heapUsed}`);
    return lines.join('\n') + '\n';
  }
}
