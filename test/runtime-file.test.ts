/** The pid check behind "already running": a dead, zombie or reused pid is no running instance. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRunning, ownStartTime, readRuntimeFile, runtimeFile } from '../functions/local/runtime-file.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'distr-runtime-file-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const record = (pid: number, started?: string) =>
  writeFileSync(
    runtimeFile(dataDir),
    JSON.stringify({ pid, ...(started ? { started } : {}), url: 'http://x', env: {} }),
  );

describe('readRuntimeFile', () => {
  it('finds this process when it is the one recorded', () => {
    record(process.pid, ownStartTime());
    expect(readRuntimeFile(dataDir)?.pid).toBe(process.pid);
  });

  it('treats a zombie (killed, not yet reaped) as gone', async () => {
    // The short `sleep` exits after its shell has become the long `sleep`, which never reaps it: a
    // zombie for 10 s. (A child that exited before the exec could be reaped by the shell.)
    const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 10'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const pid = Number(
        await new Promise<string>((resolve) => parent.stdout.once('data', (d) => resolve(String(d)))),
      );
      await new Promise((r) => setTimeout(r, 500));
      expect(() => process.kill(pid, 0)).not.toThrow(); // signal 0 still reaches it
      expect(isRunning(pid)).toBe(false);
      record(pid);
      expect(readRuntimeFile(dataDir)).toBeUndefined();
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('treats a pid now used by another process as gone', () => {
    record(process.pid, '1');
    expect(readRuntimeFile(dataDir)).toBeUndefined();
  });

  it('treats a pid with no process as gone, and a missing or broken file as none', () => {
    record(2 ** 22 + 1);
    expect(readRuntimeFile(dataDir)).toBeUndefined();
    writeFileSync(runtimeFile(dataDir), '{');
    expect(readRuntimeFile(dataDir)).toBeUndefined();
  });
});
