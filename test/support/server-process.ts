/**
 * The local server as `npm start` runs it, in a child process of its own: so a test can kill it
 * outright (SIGKILL, nothing flushed, nothing stopped) and start it again on the same data.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Runtime, readRuntimeFile } from '../../functions/local/runtime.ts';
import { until } from './wait.ts';

const START = fileURLToPath(new URL('../../functions/local/start.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  /** The running instance as the tests' helpers take it (its URL and its stand-ins' endpoints). */
  runtime: Runtime;
  pid: number;
  /** What it printed so far (for a failing test's message). */
  output(): string;
  /** SIGKILL, and wait until it is gone (reaped, so its pid no longer counts as running). */
  kill(): Promise<void>;
}

/** Starts `npm start` on `dataDir` on a free port, and waits until it has written its runtime file. */
export async function startServerProcess(dataDir: string): Promise<ServerProcess> {
  // The test's own SDK clients need a region and credentials, as the server's do; the stand-ins take any.
  process.env.AWS_REGION ??= 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  const { DISTR_URL: _url, DISTR_TOKEN: _token, TABLE_NAME: _table, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, [START], {
    cwd: ROOT,
    env: { ...inherited, PORT: '0', DISTR_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const pid = child.pid ?? -1;
  const file = await until(
    'the server to start',
    () => {
      if (gone) throw new Error(`the server exited while starting:\n${output}`);
      const running = readRuntimeFile(dataDir);
      return running?.pid === pid ? running : undefined;
    },
    90_000,
  );
  const kill = async () => {
    if (!gone) child.kill('SIGKILL');
    await exited;
  };
  return {
    runtime: { url: file.url, dataDir, env: file.env, stop: kill },
    pid,
    output: () => output,
    kill,
  };
}
