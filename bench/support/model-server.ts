/**
 * The test model server in a process of its own, so the model's CPU is neither the platform's nor
 * the load generator's. Started by the benchmarks with fork(); answers instantly (latency 0)
 * unless BENCH_MODEL_FIRST_TOKEN_MS (chat) or BENCH_MODEL_EMBED_MS (every embeddings request) is set.
 */
import { OpenAiTestServer } from '@sluice/testing';

async function main() {
  const model = new OpenAiTestServer();
  const { url } = await model.start(Number(process.env.BENCH_MODEL_PORT ?? 0));
  model.setReply(process.env.BENCH_MODEL_REPLY ?? 'Sure, here is a short answer.');
  const first = Number(process.env.BENCH_MODEL_FIRST_TOKEN_MS ?? 0);
  const embed = Number(process.env.BENCH_MODEL_EMBED_MS ?? 0);
  if (first || embed) model.setLatency({ firstTokenMs: first, embeddingMs: embed });
  process.send?.({ url });
  process.on('disconnect', () => void model.stop().then(() => process.exit(0)));
}

void main();
