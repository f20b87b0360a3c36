/**
 * The real CLI (`node functions/cli/distr.ts`, in a child process with this Node) against a local
 * Distr found through its data directory: tokens straight into the table, then submit and list
 * over HTTP, with readable and --json output and a non-zero exit on every error.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSearchIndex } from '../../functions/adapters/search-index.ts';
import { runCli } from '../support/cli.ts';
import { useScratchDir, useTestDistr } from '../support/distr.ts';
import { documentMetadata, fixturePath } from '../support/fixtures.ts';
import { clients } from '../support/seed.ts';

const SAMPLE = fixturePath('sample-submission.json');

const distr = useTestDistr();
const scratch = useScratchDir('distr-cli-');

/** The CLI finding this file's instance through its data directory. */
const distrCli = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { dataDir: distr.dataDir, env });

describe('distr CLI', () => {
  it('creates tokens in the running instance, submits, lists and revokes', async () => {
    const officerRun = await distrCli(['tokens', 'create', '--role', 'officer', '--json']);
    expect(officerRun.code, officerRun.stderr).toBe(0);
    const officer = JSON.parse(officerRun.stdout) as { id: string; token: string };
    expect(officer.token).toMatch(/^distr_[0-9a-f]{16}_[0-9a-f]{64}$/);

    const missionRun = await distrCli(['tokens', 'create', '--role', 'mission', '--state', 'DEU']);
    expect(missionRun.code, missionRun.stderr).toBe(0);
    expect(missionRun.stdout).toContain('mission for DEU');
    const missionToken = /distr_[0-9a-f]{16}_[0-9a-f]{64}/.exec(missionRun.stdout)?.[0] ?? '';
    expect(missionToken).not.toBe('');
    const missionId = missionToken.split('_')[1] ?? '';

    // Readable submit.
    const submitted = await distrCli(['submit', SAMPLE], { DISTR_TOKEN: missionToken });
    expect(submitted.code, submitted.stderr).toBe(0);
    const id = /Submitted: ([0-9a-f]{20}) \(received, DEU\)/.exec(submitted.stdout)?.[1];
    expect(id, submitted.stdout).toBeDefined();

    // --json with an idempotency key, twice: the same submission.
    const once = await distrCli(['submit', SAMPLE, '--json', '--idempotency-key', 'cli-key-1'], {
      DISTR_TOKEN: missionToken,
    });
    const twice = await distrCli(['submit', SAMPLE, '--json', '--idempotency-key', 'cli-key-1'], {
      DISTR_TOKEN: missionToken,
    });
    expect(once.code, once.stderr).toBe(0);
    expect(twice.code, twice.stderr).toBe(0);
    const first = JSON.parse(once.stdout) as { id: string; status: string };
    expect(JSON.parse(twice.stdout)).toEqual(first);
    expect(first.status).toBe('received');

    // The listing, readable and as JSON (officer sees both).
    const listed = await distrCli(['submissions'], { DISTR_TOKEN: officer.token });
    expect(listed.code, listed.stderr).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATE\s+STATUS\s+CREATED\s+TITLE$/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(first.id);
    expect(lines[2]).toContain(id);
    expect(lines[2]).toMatch(
      /DEU\s+received\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+Identical letters dated 30 May 2025/,
    );
    const listedJson = await distrCli(['submissions', '--json', '--status', 'received'], {
      DISTR_TOKEN: missionToken,
    });
    expect(listedJson.code, listedJson.stderr).toBe(0);
    expect((JSON.parse(listedJson.stdout) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([
      first.id,
      id,
    ]);

    const shown = await distrCli(['submissions', 'show', id ?? ''], { DISTR_TOKEN: missionToken });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`received by mission ${missionId}`);

    // Revocation counts at once.
    const revoked = await distrCli(['tokens', 'revoke', missionId]);
    expect(revoked.code, revoked.stderr).toBe(0);
    const refused = await distrCli(['submissions'], { DISTR_TOKEN: missionToken });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('401 Unauthorized: The bearer token has been revoked.');

    const tokens = await distrCli(['tokens', 'list', '--json']);
    expect(tokens.code, tokens.stderr).toBe(0);
    const records = JSON.parse(tokens.stdout) as {
      id: string;
      role: string;
      revokedAt?: string;
      hash?: string;
    }[];
    expect(records.map((r) => r.id).sort()).toEqual([officer.id, missionId].sort());
    expect(records.find((r) => r.id === missionId)?.revokedAt).toEqual(expect.any(String));
    expect(records.every((r) => r.hash === undefined)).toBe(true);
  }, 60_000);

  it('exits non-zero and prints the problem and each invalid field', async () => {
    const mission = JSON.parse(
      (await distrCli(['tokens', 'create', '--role', 'mission', '--state', 'DEU', '--json'])).stdout,
    ) as { token: string };
    const bad = join(scratch, 'bad.json');
    writeFileSync(bad, JSON.stringify({ kind: 'letter', from: { state: 'DEU' } }));
    const run = await distrCli(['submit', bad], { DISTR_TOKEN: mission.token });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('422 Unprocessable Content: The submission is not valid.');
    expect(run.stderr).toMatch(/^ {2}\/from\/signatory: /m);
    expect(run.stderr).toMatch(/^ {2}\/title: /m);

    const asJson = await distrCli(['submit', bad, '--json'], { DISTR_TOKEN: mission.token });
    expect(asJson.code).toBe(1);
    expect(JSON.parse(asJson.stderr)).toMatchObject({ status: 422, 'invalid-params': expect.any(Array) });

    const noToken = await distrCli(['submit', SAMPLE]);
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain('401 Unauthorized');

    const missing = await distrCli(['submit', join(scratch, 'missing.json')], { DISTR_TOKEN: mission.token });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read');

    const badRole = await distrCli(['tokens', 'create', '--role', 'admin']);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain('--role must be one of mission, officer, subscriber');

    const noState = await distrCli(['tokens', 'create', '--role', 'mission']);
    expect(noState.code).toBe(1);

    const unknown = await distrCli(['tokens', 'revoke', '0123456789abcdef']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('there is no token 0123456789abcdef');
  }, 60_000);

  it('says where it looked when no instance runs', async () => {
    const run = await distrCli(['tokens', 'list'], { DISTR_DATA_DIR: join(scratch, 'none') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`no running Distr found in ${join(scratch, 'none')}`);
  });

  it('reindexes the search entries of every distributed document in the running instance', async () => {
    const index = createSearchIndex(clients(distr).db, distr.env.TABLE_NAME ?? '');
    await index.index(documentMetadata(), 'reindex-sample');
    const run = await distrCli(['reindex', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ reindexed: 1 });
    const readable = await distrCli(['reindex']);
    expect(readable.stdout.trim()).toBe('Reindexed 1 document.');
    expect((await distrCli(['reindex', 'now'])).code).toBe(2);
  });
});
