/**
 * Distribution benchmark: the design sample in six languages on the local stand-ins, timed from the
 * `POST …/distribute` call to the signed webhook delivery at a subscriber (render + store + index +
 * publish + notify + deliver). Each run distributes a newly registered copy (the series moves on:
 * A/79/923, 924, …), so every run renders for real. The first run pays the cold start (fonts, WASM).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addVersions, prepare, submitAndRegister } from '../functions/local/demo.ts';
import { startDistr } from '../functions/local/runtime.ts';

export const title = 'Distribution: design sample, six languages, distribute call → webhook delivery (local)';

const RUNS = 7;
const TARGET_MS = 1500;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

export const run = async (): Promise<string[]> => {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  const dataDir = mkdtempSync(join(tmpdir(), 'distr-bench-'));
  const distr = await startDistr({ port: 0, dataDir });
  const lines: string[] = [];
  try {
    const setup = await prepare(distr);
    const times: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const symbol = await submitAndRegister(setup);
      await addVersions(setup, symbol);
      const started = performance.now();
      await setup.officer('POST', `/v1/documents/${symbol}/distribute`);
      const delivery = await setup.receiver.delivery(i);
      const ms = delivery.receivedAt - started;
      if (i === 0) lines.push(`cold (first distribution in a fresh process): ${ms.toFixed(0)} ms`);
      else times.push(ms);
    }
    const med = median(times);
    lines.push(
      `warm, ${RUNS} runs: median ${med.toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`,
      `target ≤ ${TARGET_MS} ms (warm median): ${med <= TARGET_MS ? 'ok' : 'MISSED'}`,
    );
  } finally {
    await distr.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return lines;
};
