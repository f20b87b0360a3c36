/** `GET /v1/health`: reports whether the table and the bucket can be reached. */
import type { HealthProbes } from '../adapters/health-probes.ts';
import { type HttpResult, json } from './http-api.ts';
import { Problem, problemResponse } from './problem.ts';

async function probe(check: () => Promise<unknown>): Promise<string> {
  try {
    await check();
    return 'ok';
  } catch (error) {
    return (error as Error).name || 'unreachable';
  }
}

export function health(probes: HealthProbes) {
  return async (): Promise<HttpResult> => {
    const [table, bucket] = await Promise.all([probe(probes.table), probe(probes.bucket)]);
    const checks = { table, bucket };
    const failed = Object.entries(checks).filter(([, state]) => state !== 'ok');
    if (failed.length === 0) return json(200, { status: 'ok', checks });
    const names = failed.map(([name, state]) => `${name} (${state})`).join(', ');
    return problemResponse(new Problem(503, `Cannot reach ${names}.`, { extra: { checks } }), '/v1/health');
  };
}
