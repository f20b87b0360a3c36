/**
 * The installed `distr` command (functions/cli/bin.js): linked where npx looks first, running the
 * CLI from a bundle that is rebuilt when a source changes and renders exactly what the sources do.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURE } from './support/fixtures.ts';
import { tempDir } from './support/pdf.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE = join(ROOT, 'node_modules/.bin/node');
const BIN = join(ROOT, 'functions/cli/bin.js');

const run = (file: string, args: string[], cache: string) =>
  spawnSync(NODE, [file, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DISTR_CLI_CACHE: cache },
    timeout: 120_000,
  });

const manifest = (cache: string): { dir: string; inputs: Record<string, string> } =>
  JSON.parse(readFileSync(join(cache, 'cli.json'), 'utf8'));

describe('the distr command', () => {
  it('is linked into node_modules/.bin, where npx runs it without loading the dependency tree', () => {
    const link = join(ROOT, 'node_modules/.bin/distr');
    expect(readlinkSync(link)).toBe('../@distr/cli/bin.js');
    expect(realpathSync(link)).toBe(BIN);
    // A `bin` in the root package.json would send npx down its slow path (it installs the project).
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin).toBeUndefined();
  });

  it('renders from its bundle the same bytes as the sources, and reuses the bundle', () => {
    const cache = tempDir();
    const fromBundle = tempDir();
    const fromSource = tempDir();
    const args = (out: string) => ['render', fileURLToPath(FIXTURE), '--out', out, '--lang', 'ar,zh,fr'];

    const first = run(BIN, args(fromBundle), cache);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const built = manifest(cache);
    expect(readdirSync(join(cache, built.dir))).toContain('distr.mjs');
    // Stamped: the CLI's own sources, the launcher and npm's record of node_modules.
    expect(Object.keys(built.inputs)).toEqual(
      expect.arrayContaining([
        'functions/cli/distr.ts',
        'functions/render/render.ts',
        'functions/cli/bin.js',
        'node_modules/.package-lock.json',
      ]),
    );

    const source = run(join(ROOT, 'functions/cli/distr.ts'), args(fromSource), cache);
    expect(source.status).toBe(0);
    for (const name of readdirSync(fromSource)) {
      expect(readFileSync(join(fromBundle, name)).equals(readFileSync(join(fromSource, name))), name).toBe(
        true,
      );
    }
    expect(readdirSync(fromBundle).sort()).toEqual(readdirSync(fromSource).sort());

    expect(run(BIN, ['--help'], cache).status).toBe(0);
    expect(manifest(cache).dir).toBe(built.dir);
  });

  it('rebuilds the bundle when a file it was built from has changed', () => {
    const cache = tempDir();
    expect(run(BIN, ['--help'], cache).status).toBe(0);
    const before = manifest(cache);
    // As if functions/render/render.ts had been edited since the build.
    before.inputs['functions/render/render.ts'] = '0:0';
    writeFileSync(join(cache, 'cli.json'), JSON.stringify(before));

    const again = run(BIN, ['--help'], cache);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('render FILE.json');
    const after = manifest(cache);
    expect(after.dir).not.toBe(before.dir);
    expect(after.inputs['functions/render/render.ts']).not.toBe('0:0');
  });

  // The Debian image's own Node (20) is what a shell finds first on PATH here.
  const systemNode = '/usr/bin/node';
  const olderNode =
    existsSync(systemNode) &&
    Number(
      spawnSync(systemNode, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout,
    ) < 24;

  it.runIf(olderNode)('hands over to the pinned Node 24 when an older Node starts it', () => {
    const cache = tempDir();
    const result = spawnSync(systemNode, [BIN, 'render', '--help'], {
      encoding: 'utf8',
      env: { ...process.env, DISTR_CLI_CACHE: cache },
      timeout: 120_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: distr render FILE.json');
    const failing = spawnSync(systemNode, [BIN, 'render', '/nonexistent.json'], {
      encoding: 'utf8',
      env: { ...process.env, DISTR_CLI_CACHE: cache },
      timeout: 120_000,
    });
    expect(failing.status).toBe(1);
    expect(failing.stderr).toContain('cannot read /nonexistent.json');
  });
});
