/**
 * The CLI with Word files, against a local Distr: `distr submit FILE.json --docx LETTER.docx`
 * previews (`--preview`) and submits; `distr versions put SYMBOL LANG --docx FILE.docx` puts a
 * translation; a file that cannot be set ends with a non-zero exit naming the paragraph.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { useScratchDir, useTestDistr } from '../support/distr.ts';
import { LETTERS, letterDocx, tableDocx } from '../support/docx.ts';
import { fixturePath } from '../support/fixtures.ts';
import { seedDocument } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';

const SAMPLE = fixturePath('sample-submission.json');
const distr = useTestDistr();
const scratch = useScratchDir('distr-docx-cli-');
let mission: string;
let officer: string;
const letterFile = join(scratch, 'letter.docx');
const tableFile = join(scratch, 'table.docx');
const frenchFile = join(scratch, 'lettre.docx');
/** The sample's fields without its body and annexes, which come from the Word file. */
const envelope = join(scratch, 'envelope.json');

beforeAll(async () => {
  [mission, officer] = await Promise.all([tokenFor(distr, 'mission', 'DEU'), tokenFor(distr, 'officer')]);
  writeFileSync(letterFile, await letterDocx('en'));
  writeFileSync(tableFile, await tableDocx());
  writeFileSync(frenchFile, await letterDocx('fr'));
  const { body: _body, annexes: _annexes, ...rest } = JSON.parse(readFileSync(SAMPLE, 'utf8'));
  writeFileSync(envelope, JSON.stringify(rest));
});

const cli = (args: string[], token: string) => runCli(args, { dataDir: distr.dataDir, token });

describe('distr CLI with .docx', () => {
  it('previews, then submits a letter from its Word file', async () => {
    const preview = await cli(['submit', envelope, '--docx', letterFile, '--preview'], mission);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain(`Title: ${LETTERS.en.title}`);
    expect(preview.stdout).toContain('1. The meeting opened with a statement by the Chair.');
    expect(preview.stdout).toContain('(Signed)\nAntje **Leendertse**');
    const submitted = await cli(['submit', envelope, '--docx', letterFile, '--json'], mission);
    expect(submitted.code, submitted.stderr).toBe(0);
    const created = JSON.parse(submitted.stdout);
    expect(created.source).toMatchObject({ kind: 'docx', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(created.submission.body).toContain('[^1]: See document A/79/100.');
  });

  it('exits non-zero naming the paragraph of a table', async () => {
    const refused = await cli(['submit', envelope, '--docx', tableFile], mission);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('after paragraph 2');
  });

  it('puts a language version from a Word file', async () => {
    const doc = await seedDocument(distr, { symbols: ['A/79/916'], jobNumber: '25-09016' });
    const put = await cli(['versions', 'put', doc.symbol, 'fr', '--docx', frenchFile], officer);
    expect(put.code, put.stderr).toBe(0);
    expect(put.stdout).toContain(`Stored: ${doc.symbol} fr`);
    expect(put.stdout).toContain(LETTERS.fr.title);
  });
});
