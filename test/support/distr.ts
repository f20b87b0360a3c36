/** Starts a whole local Distr for one test file: free ports, a fresh temporary data directory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Runtime, startDistr } from '../../functions/local/runtime.ts';
import type { DynamoBackend } from '../../functions/local/stand-ins.ts';

export const backend = (): DynamoBackend =>
  process.env.DISTR_DYNAMODB === 'dynamodb-local' ? 'dynamodb-local' : 'dynalite';

export interface TestDistr extends Runtime {
  /** Stops the service and deletes its data. */
  dispose(): Promise<void>;
}

export async function startTestDistr(
  dataDir = mkdtempSync(join(tmpdir(), 'distr-test-')),
): Promise<TestDistr> {
  const runtime = await startDistr({ port: 0, dataDir, dynamodb: backend() });
  return {
    ...runtime,
    dispose: async () => {
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
