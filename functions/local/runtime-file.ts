/**
 * Where a running local instance is recorded: `<dataDir>/runtime.json`. Kept apart from runtime.ts
 * so the CLI can find a running server without loading the stand-ins.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** What a running instance records in its data directory. */
export interface RuntimeFile {
  pid: number;
  /** When that process started (Linux: clock ticks since boot), so a reused pid is not taken for it. */
  started?: string;
  url: string;
  /** The environment its handlers were built with (stand-in endpoints, resource names). */
  env: Record<string, string>;
}

/** The data directory `npm start` uses: `DISTR_DATA_DIR`, else `.distr/` in the project. */
export const defaultDataDir = (env: NodeJS.ProcessEnv = process.env) =>
  resolve(env.DISTR_DATA_DIR ?? join(PROJECT_ROOT, '.distr'));

export const runtimeFile = (dataDir: string) => join(dataDir, 'runtime.json');

/**
 * A process's state and start time from /proc (Linux), or undefined where there is no /proc. The
 * fields after the command name, which is in parentheses and may hold spaces, are the state (the
 * third field) and, nineteen further on, the start time (the twenty-second).
 */
export function procStat(pid: number): { state: string; started: string } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', started: fields[19] ?? '' };
}

/**
 * Whether that process is alive. A process killed with -9 stays a zombie until its parent reaps it,
 * and signal 0 still reaches a zombie, so /proc's state decides where there is one; a start time
 * that differs means the pid now belongs to another process.
 */
export function isRunning(pid: number, started?: string): boolean {
  try {
    process.kill(pid, 0); // throws if that process is gone
  } catch (error) {
    // EPERM: it exists, under another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(pid);
  if (!stat) return !existsSync('/proc/self/stat');
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return started === undefined || stat.started === started;
}

/** This process's start time, to record beside its pid. */
export const ownStartTime = (): string | undefined => procStat(process.pid)?.started;

/** The instance recorded in `dataDir`, if its process is still alive. */
export function readRuntimeFile(dataDir: string): RuntimeFile | undefined {
  let file: RuntimeFile;
  try {
    file = JSON.parse(readFileSync(runtimeFile(dataDir), 'utf8')) as RuntimeFile;
  } catch {
    return undefined;
  }
  return typeof file.pid === 'number' && isRunning(file.pid, file.started) ? file : undefined;
}
