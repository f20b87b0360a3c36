/**
 * Registration throughput and latency, through real HTTP against a local Distr (dynalite unless
 * DISTR_DYNAMODB=dynamodb-local) started in a temporary directory: N received submissions are
 * registered with C requests in flight, and a second pass registers N more twice at once (a
 * retry racing its original). Run alone: `npx node bench/registration.ts [N] [C]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Runtime, startDistr } from '../functions/local/runtime.ts';
import { fixture } from '../test/support/fixtures.ts';
import { seedSubmission } from '../test/support/seed.ts';
import { tokenFor } from '../test/support/tokens.ts';

export const title = 'Registration (POST /v1/submissions/{id}/register, local stand-ins)';

/** `count` received copies of the sample submission. */
async function seed(distr: Runtime, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await seedSubmission(distr));
  return ids;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

interface Pass {
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

/** Runs `jobs` with `concurrency` in flight; each job's latency is measured. */
async function pass(jobs: Array<() => Promise<number>>, concurrency: number): Promise<Pass> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++] as () => Promise<number>;
        const t0 = performance.now();
        const status = await job();
        latencies.push(performance.now() - t0);
        if (status !== 200 && status !== 201) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: jobs.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures,
  };
}

export async function run(count = 200, concurrency = 10): Promise<string[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'distr-bench-'));
  const backend = process.env.DISTR_DYNAMODB === 'dynamodb-local' ? 'dynamodb-local' : 'dynalite';
  const distr = await startDistr({ port: 0, dataDir, dynamodb: backend });
  try {
    const token = await tokenFor(distr, 'officer');
    // Status only: reading the answer's JSON is not part of what is measured.
    const call = (method: string, path: string, body: unknown) =>
      fetch(`${distr.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (res) => {
        await res.arrayBuffer();
        return res.status;
      });
    if ((await call('PUT', '/v1/agendas/GA/79', fixture('agenda-GA-79.json'))) !== 200) {
      throw new Error('could not load the agenda');
    }
    const register = (id: string) => () =>
      call('POST', `/v1/submissions/${id}/register`, { issued: '2025-06-03' });

    const single = await pass((await seed(distr, count)).map(register), concurrency);
    // Every submission twice, the pair adjacent so both are in flight together.
    const doubled = await pass(
      (await seed(distr, count)).flatMap((id) => [register(id), register(id)]),
      concurrency,
    );
    const line = (name: string, p: Pass, unit: string) =>
      `${name.padEnd(26)} ${p.perSecond.toFixed(1).padStart(7)} ${unit}/s   p50 ${p.p50.toFixed(1).padStart(6)} ms   p99 ${p.p99.toFixed(1).padStart(6)} ms${p.failures ? `   ${p.failures} FAILED` : ''}`;
    return [
      `${count} submissions, ${concurrency} requests in flight, ${backend}`,
      line('registrations', single, 'reg'),
      line('each registered twice', { ...doubled, perSecond: doubled.perSecond / 2 }, 'reg'),
    ];
  } finally {
    await distr.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const [count, concurrency] = process.argv.slice(2).map(Number);
  for (const line of await run(count || undefined, concurrency || undefined)) console.log(line);
}
