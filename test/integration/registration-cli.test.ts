/**
 * The whole path through the real routes and the real CLI: a mission submits the sample letter
 * (`distr submit`), an officer loads the agenda (`distr agenda load`), moves the series and
 * registers it (`distr register`), then follows the document up over HTTP.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { client, setSeries } from '../support/client.ts';
import { useScratchDir, useTestDistr } from '../support/distr.ts';
import { fixturePath } from '../support/fixtures.ts';

const distr = useTestDistr();
const scratch = useScratchDir('distr-register-cli-');

/** The CLI finding this file's instance through its data directory, as the caller `token`. */
const distrCli = (args: string[], token?: string) => runCli(args, { dataDir: distr.dataDir, token });

async function tokenOf(role: string, ...more: string[]): Promise<string> {
  const run = await distrCli(['tokens', 'create', '--role', role, ...more, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { token: string }).token;
}

type Doc = { id: string; symbol: string; symbols: string[]; jobNumber: string; base?: { id: string } };

describe('registration through the CLI and follow-ups', () => {
  let officerToken: string;
  let sample: Doc;

  it('submits, loads the agenda, registers the sample as A/79/923-S/2025/341', async () => {
    officerToken = await tokenOf('officer');
    const missionToken = await tokenOf('mission', '--state', 'DEU');
    const submitted = await distrCli(
      ['submit', fixturePath('sample-submission.json'), '--json'],
      missionToken,
    );
    expect(submitted.code, submitted.stderr).toBe(0);
    const submissionId = (JSON.parse(submitted.stdout) as { id: string }).id;

    // The session comes from the file name.
    const agendaFile = join(scratch, 'agenda-GA-79.json');
    copyFileSync(fixturePath('agenda-GA-79.json'), agendaFile);
    const loaded = await distrCli(['agenda', 'load', agendaFile], officerToken);
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(loaded.stdout).toMatch(/^Loaded the agenda of GA session 79: \d+ items/);
    const shown = await distrCli(['agenda', 'show', '79'], officerToken);
    expect(shown.stdout).toContain('Comprehensive review of the whole question of peacekeeping operations');

    const officer = client(distr, officerToken);
    await setSeries(officer, { 'A/79': 923, 'S/2025': 341, 'job/25': 8590 });
    const registered = await distrCli(['register', submissionId, '--issued', '2025-06-03'], officerToken);
    expect(registered.code, registered.stderr).toBe(0);
    expect(registered.stdout).toMatch(
      /^Registered: A\/79\/923-S\/2025\/341 {2}job 25-08590 {2}issued 2025-06-03\n/,
    );
    const again = await distrCli(['register', submissionId, '--json'], officerToken);
    expect(again.code, again.stderr).toBe(0);
    sample = JSON.parse(again.stdout) as Doc;
    expect(sample.symbols).toEqual(['A/79/923', 'S/2025/341']);
    expect(sample.jobNumber).toBe('25-08590');

    const submission = await officer<{ status: string; documentId: string }>(
      'GET',
      `/v1/submissions/${submissionId}`,
    );
    expect(submission.body).toMatchObject({ status: 'registered', documentId: sample.id });
  });

  it('exits non-zero with the problem on errors', async () => {
    const missing = await distrCli(['register', 'no-such-submission'], officerToken);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('404');
    const unnamed = join(scratch, 'agenda.json');
    writeFileSync(unnamed, '{"items": []}');
    const noSession = await distrCli(['agenda', 'load', unnamed], officerToken);
    expect(noSession.code).toBe(1);
    expect(noSession.stderr).toContain('--session');
    const empty = await distrCli(['agenda', 'load', unnamed, '--session', '79'], officerToken);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('/items');
    expect((await distrCli(['register'], officerToken)).code).toBe(2);
  });

  it('follows up: addenda per base, stacked corrigenda, revisions, reissues with asterisks', async () => {
    const officer = client(distr, officerToken);
    const followup = async (symbol: string, body: unknown, headers: Record<string, string> = {}) => {
      const res = await officer<Doc>('POST', `/v1/documents/${symbol}/followups`, body, headers);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    const add1 = await followup('A/79/923', { type: 'addendum', issued: '2025-06-10' });
    expect(add1.symbols).toEqual(['A/79/923/Add.1', 'S/2025/341/Add.1']);
    expect(add1.jobNumber).toBe('25-08591');
    expect(add1.base?.id).toBe(sample.id);
    // An addendum to the addendum is its sibling, counted under the base.
    const add2 = await followup('S/2025/341/Add.1', { type: 'addendum', issued: '2025-06-11' });
    expect(add2.symbols).toEqual(['A/79/923/Add.2', 'S/2025/341/Add.2']);
    const corr = await followup(encodeURIComponent('A/79/923/Add.1–S/2025/341/Add.1'), {
      type: 'corrigendum',
      issued: '2025-06-12',
    });
    expect(corr.symbol).toBe('A/79/923/Add.1/Corr.1-S/2025/341/Add.1/Corr.1');
    const rev = await followup('A/79/923', { type: 'revision', issued: '2025-06-13' });
    expect(rev.symbols).toEqual(['A/79/923/Rev.1', 'S/2025/341/Rev.1']);
    const reissue = await followup('A/79/923', { type: 'reissue', issued: '2025-06-14' });
    expect(reissue).toMatchObject({ symbols: ['A/79/923*', 'S/2025/341*'], jobNumber: '25-08590*' });
    const reissue2 = await followup('A/79/923*', { type: 'reissue', issued: '2025-06-15' });
    expect(reissue2).toMatchObject({ symbols: ['A/79/923**', 'S/2025/341**'], jobNumber: '25-08590**' });

    // With an Idempotency-Key, a retry returns the first follow-up instead of making another.
    const first = await followup(
      'A/79/923',
      { type: 'addendum', issued: '2025-06-16' },
      { 'idempotency-key': 'k-1' },
    );
    const retry = await officer<Doc>(
      'POST',
      '/v1/documents/A/79/923/followups',
      { type: 'addendum', issued: '2025-06-16' },
      { 'idempotency-key': 'k-1' },
    );
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.id);
    expect(first.symbols).toEqual(['A/79/923/Add.3', 'S/2025/341/Add.3']);
    const reused = await officer(
      'POST',
      '/v1/documents/A/79/923/followups',
      { type: 'revision' },
      { 'idempotency-key': 'k-1' },
    );
    expect(reused.status).toBe(409);

    for (const doc of [add1, add2, corr, rev, reissue, reissue2]) {
      const found = await officer<Doc>('GET', `/v1/documents/${doc.symbols[1]}`);
      expect(found.body.id).toBe(doc.id);
    }
    const bad = await officer<{ 'invalid-params': { name: string }[] }>(
      'POST',
      '/v1/documents/A/79/923/followups',
      {
        type: 'amendment',
      },
    );
    expect(bad.status).toBe(422);
    expect(bad.body['invalid-params'][0]?.name).toBe('/type');
    expect((await officer('POST', '/v1/documents/A/79/999/followups', { type: 'addendum' })).status).toBe(
      404,
    );
    const mission = client(distr, await tokenOf('mission', '--state', 'DEU'));
    expect((await mission('POST', '/v1/documents/A/79/923/followups', { type: 'addendum' })).status).toBe(
      403,
    );
  });
});
