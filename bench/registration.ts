/**
 * Registration throughput and latency, through real HTTP against a local Distr (dynalite unless
 * DISTR_DYNAMODB=dynamodb-local) started in a temporary directory: N received submissions are
 * registered with C requests in flight, and a second pass registers N more twice at once (a
 * retry racing its original). Run alone: `npx node bench/registration.ts [N] [C]`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsClients } from '../functions/adapters/aws-clients.ts';
import { putSubmission } from '../functions/adapters/submission-store.ts';
import { issueToken } from '../functions/adapters/token-store.ts';
import { parseSubmission } from '../functions/domain/submission.ts';
import { type Runtime, startDistr } from '../functions/local/runtime.ts';

export const title = 'Registration (POST /v1/submissions/{id}/register, local stand-ins)';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8')) as unknown;

async function seed(distr: Runtime, count: number): Promise<string[]> {
  const table = { db: createAwsClients(distr.env).db, tableName: distr.env.TABLE_NAME ?? '' };
  const parsed = parseSubmission(fixture('sample-submission.json'), { now: new Date() });
  if (!parsed.ok) throw new Error('the sample submission does not parse');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const at = new Date().toISOString();
    await putSubmission(table, {
      id,
      status: 'received',
      state: parsed.value.from.state,
      createdAt: at,
      updatedAt: at,
      submission: parsed.value,
      timeline: [{ step: 'received', at, actor: { role: 'mission', tokenId: 'bench' } }],
      attachments: [],
    });
    ids.push(id);
  }
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
    const table = { db: createAwsClients(distr.env).db, tableName: distr.env.TABLE_NAME ?? '' };
    const { token } = await issueToken(table, { role: 'officer' }, { now: new Date() });
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
