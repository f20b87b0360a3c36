/** The real CLI (`functions/cli/distr.ts`) in a child process, with the pinned Node running the tests. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = fileURLToPath(new URL('../../functions/cli/distr.ts', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `distr ARGS…` from the repository root. With `dataDir` it finds that local instance (none
 * of the caller's DISTR_URL, DISTR_TOKEN or TABLE_NAME leaks in); `token` is its DISTR_TOKEN.
 */
export function runCli(
  args: string[],
  { dataDir, token, env = {} }: { dataDir?: string; token?: string; env?: Record<string, string> } = {},
): Promise<CliRun> {
  const { DISTR_URL: _url, DISTR_TOKEN: _token, TABLE_NAME: _table, ...inherited } = process.env;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: {
        ...(dataDir ? { ...inherited, DISTR_DATA_DIR: dataDir } : process.env),
        ...(token ? { DISTR_TOKEN: token } : {}),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
