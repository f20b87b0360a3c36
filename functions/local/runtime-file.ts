/**
 * Where a running local instance is recorded: `<dataDir>/runtime.json`. Kept apart from runtime.ts
 * so the CLI can find a running server without loading the stand-ins.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** What a running instance records in its data directory. */
export interface RuntimeFile {
  pid: number;
  url: string;
  /** The environment its handlers were built with (stand-in endpoints, resource names). */
  env: Record<string, string>;
}

/** The data directory `npm start` uses: `DISTR_DATA_DIR`, else `.distr/` in the project. */
export const defaultDataDir = (env: NodeJS.ProcessEnv = process.env) =>
  resolve(env.DISTR_DATA_DIR ?? join(PROJECT_ROOT, '.distr'));

export const runtimeFile = (dataDir: string) => join(dataDir, 'runtime.json');

/** The instance recorded in `dataDir`, if its process is still alive. */
export function readRuntimeFile(dataDir: string): RuntimeFile | undefined {
  try {
    const file = JSON.parse(readFileSync(runtimeFile(dataDir), 'utf8')) as RuntimeFile;
    process.kill(file.pid, 0); // throws if that process is gone
    return file;
  } catch {
    return undefined;
  }
}
