/**
 * npm checks `engines` against the Node that runs npm, which may be an older system Node, and
 * .npmrc hides those warnings; the check belongs here, against the Node the code runs on (the
 * `node` devDependency, which npm scripts put first on PATH).
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'));
const pinned: string = read('package.json').devDependencies.node;
const packages: Record<string, { engines?: { node?: unknown } }> = read('package-lock.json').packages;

/** Every package of the lockfile whose `engines.node` refuses Node `version`. */
const refusing = (version: string) =>
  Object.entries(packages)
    .filter(([, pkg]) => typeof pkg.engines?.node === 'string')
    .filter(([, pkg]) => !semver.satisfies(version, pkg.engines?.node as string))
    .map(([path, pkg]) => `${path || '(the project)'} wants node ${pkg.engines?.node}`);

describe('engines', () => {
  it('are checked on the pinned Node', () => {
    expect(process.version).toBe(`v${pinned}`);
  });

  it('of every package in the lockfile accept the pinned Node', () => {
    expect(refusing(process.version)).toEqual([]);
  });

  it('would catch a package that needs a newer Node (the check is live)', () => {
    expect(refusing('20.20.2')).toContain('(the project) wants node >=24 <25');
  });
});
