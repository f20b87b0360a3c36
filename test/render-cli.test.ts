import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';
import { FIXTURE, loadFixture } from './support/fixtures.ts';
import { pdfText, readCodes, squash, tempDir } from './support/pdf.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE = join(ROOT, 'node_modules/.bin/node');
const INSTALLED = join(ROOT, 'node_modules/.bin/distr');

describe('distr render', () => {
  it('writes one PDF per language version, named after the symbols', async () => {
    const out = tempDir();
    const result = await runCli(['render', fileURLToPath(FIXTURE), '--out', out], {
      env: { DISTR_PUBLIC_URL: 'https://docs.example.org' },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const names = readdirSync(out).sort();
    expect(names).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh'].map((l) => `A-79-923-S-2025-341.${l}.pdf`));
    const fr = readFileSync(join(out, 'A-79-923-S-2025-341.fr.pdf'));
    expect(fr.subarray(0, 5).toString()).toBe('%PDF-');
    expect(readCodes(fr)).toContain('QR-Code:https://docs.example.org/fr/A/79/923');
  });

  it('renders only the languages asked for, on A4 when asked', async () => {
    const out = tempDir();
    const result = await runCli([
      'render',
      fileURLToPath(FIXTURE),
      '--out',
      out,
      '--lang',
      'ru',
      '--paper',
      'a4',
    ]);
    expect(result.code).toBe(0);
    expect(readdirSync(out)).toEqual(['A-79-923-S-2025-341.ru.pdf']);
    const pdf = await PDFDocument.load(readFileSync(join(out, 'A-79-923-S-2025-341.ru.pdf')));
    expect(pdf.getPage(0).getWidth()).toBeCloseTo(595.28, 1);
  });

  it('reads PDF annexes relative to the JSON file', async () => {
    const dir = tempDir();
    const annex = await PDFDocument.create();
    annex
      .addPage([612, 792])
      .drawText('ATTACHEDMAP', { x: 200, y: 400, font: await annex.embedFont(StandardFonts.Helvetica) });
    writeFileSync(join(dir, 'map.pdf'), await annex.save());
    const doc = loadFixture();
    const en = doc.versions.en;
    if (!en) throw new Error('fixture has no English version');
    en.annexes.push({ heading: 'Annex II', pdf: 'map.pdf' });
    writeFileSync(join(dir, 'doc.json'), JSON.stringify({ ...doc, versions: { en } }));
    const out = join(dir, 'out');
    const result = await runCli(['render', join(dir, 'doc.json'), '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = squash(pdfText(readFileSync(join(out, 'A-79-923-S-2025-341.en.pdf'))));
    expect(text).toContain('ATTACHEDMAP');
  });

  it('finishes its work quietly when the reader closes the pipe early (`| head -1`)', async () => {
    const out = tempDir();
    // The installed command, as `npx distr` runs it, with a reader that leaves after the first line.
    const child = spawn(NODE, [INSTALLED, 'render', fileURLToPath(FIXTURE), '--out', out], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let firstLine = '';
    child.stdout.once('data', (chunk: Buffer) => {
      firstLine = chunk.toString('utf8');
      child.stdout.destroy();
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) =>
      child.on('close', (code, sig) => done([code, sig])),
    );
    expect(firstLine).toMatch(/A-79-923-S-2025-341\.ar\.pdf {2}\d+ pages/);
    expect(stderr).toBe('');
    expect([status, signal]).toEqual([0, null]);
    expect(readdirSync(out).sort()).toEqual(
      ['ar', 'en', 'es', 'fr', 'ru', 'zh'].map((l) => `A-79-923-S-2025-341.${l}.pdf`),
    );
    for (const name of readdirSync(out)) {
      expect(readFileSync(join(out, name)).subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it('fails with a clear message and a non-zero code on a bad document', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ kind: 'letter', symbols: [] }));
    const result = await runCli(['render', join(dir, 'bad.json'), '--out', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^distr render: .*bad\.json is not a valid document file/);
    expect(result.stderr).toContain('symbols');
  });

  it('fails on a missing file, a missing language and an unknown command', async () => {
    const missing = await runCli(['render', '/nonexistent/doc.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read \/nonexistent\/doc\.json/);
    const lang = await runCli(['render', fileURLToPath(FIXTURE), '--lang', 'de', '--out', tempDir()]);
    expect(lang.code).toBe(1);
    expect(lang.stderr).toMatch(/no version .* for: de/);
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });
});
