/** Starts a whole local Distr for one test file: free ports, a fresh temporary data directory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { type Runtime, startDistr } from '../../functions/local/runtime.ts';
import type { DynamoBackend } from '../../functions/local/stand-ins.ts';
import { responseViolation } from './response-contract.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The DynamoDB Local that the `integration:dynamodb-local` project starts once for all its files. */
    dynamodbEndpoint?: string;
  }
}

/** Which DynamoDB this test run uses: its own dynalite per instance, or the run's shared DynamoDB Local. */
export const backend = (): { dynamodb: DynamoBackend; dynamodbEndpoint?: string } =>
  process.env.DISTR_DYNAMODB === 'dynamodb-local'
    ? { dynamodb: 'dynamodb-local', dynamodbEndpoint: inject('dynamodbEndpoint') }
    : { dynamodb: 'dynalite' };

export interface TestDistr extends Runtime {
  /** Stops the service and deletes its data. */
  dispose(): Promise<void>;
}

export async function startTestDistr(
  dataDir = mkdtempSync(join(tmpdir(), 'distr-test-')),
): Promise<TestDistr> {
  const runtime = await startDistr({ port: 0, dataDir, ...backend(), checkResponse: responseViolation });
  return {
    ...runtime,
    dispose: async () => {
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The local Distr of the tests in this file (or `describe` block): started before them, disposed
 * after. The object it returns is filled in by the time the first test or later hook runs.
 */
export function useTestDistr(): TestDistr {
  const distr = {} as TestDistr;
  beforeAll(async () => {
    Object.assign(distr, await startTestDistr());
  });
  afterAll(() => distr.dispose?.());
  return distr;
}

/**
 * A server the tests stop and start again on the same data (a restart, a crash): `start()` starts one
 * on a scratch directory of its own, `stop()` stops the one running; the one still running after the
 * tests is stopped, then the directory removed.
 */
export function useRestartable<S>(
  prefix: string,
  start: (dataDir: string) => Promise<S>,
  stop: (server: S) => Promise<void>,
): { start(): Promise<S>; stop(): Promise<void> } {
  const dataDir = useScratchDir(prefix);
  let running: S | undefined;
  afterAll(async () => {
    if (running !== undefined) await stop(running);
  });
  return {
    async start() {
      running = await start(dataDir);
      return running;
    },
    async stop() {
      const server = running;
      running = undefined;
      if (server !== undefined) await stop(server);
    },
  };
}

/** A temporary directory for the files the tests in this file write, removed after them. */
export function useScratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
