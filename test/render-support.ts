/** Shared by the renderer's tests: the design-sample fixture and poppler/zbar on temporary files. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DocumentFile, documentSchema } from '../functions/domain/document.ts';

export const FIXTURE = new URL('./fixtures/A-79-923-S-2025-341.json', import.meta.url);

export const loadFixture = (): DocumentFile =>
  documentSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));

const dir = mkdtempSync(join(tmpdir(), 'distr-render-test-'));
let counter = 0;

/** Writes bytes to a fresh temporary file and returns its path. */
export const tempFile = (bytes: Uint8Array, ext = 'pdf'): string => {
  const path = join(dir, `f${counter++}.${ext}`);
  writeFileSync(path, bytes);
  return path;
};

export const tempDir = (): string => mkdtempSync(join(dir, 'd'));

const tool = (command: string, args: string[]): string =>
  execFileSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/**
 * `pdftotext` of the whole PDF or of pages `first`…`last`, with poppler's bidi marks removed, and
 * the zero width joiners that stand for glyphs without text of their own (pieces of Amiri letters).
 */
export const pdfText = (pdf: Uint8Array, first?: number, last?: number): string => {
  const range = first ? ['-f', String(first), '-l', String(last ?? first)] : [];
  return tool('pdftotext', ['-enc', 'UTF-8', ...range, tempFile(pdf), '-']).replace(
    /[\u200d\u200e\u200f\u202a-\u202e]/g,
    '',
  );
};

/** Words of page `page` with their boxes in points from the top left (`pdftotext -bbox`). */
export const pdfWords = (
  pdf: Uint8Array,
  page = 1,
): { text: string; xMin: number; xMax: number; yMin: number }[] =>
  [
    ...tool('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), tempFile(pdf), '-']).matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g,
    ),
  ].map(([, xMin = '', yMin = '', xMax = '', text = '']) => ({
    text,
    xMin: Number(xMin),
    xMax: Number(xMax),
    yMin: Number(yMin),
  }));

/** `pdffonts` rows: name, whether embedded, subset and with a ToUnicode map. */
export const pdfFonts = (pdf: Uint8Array): { name: string; emb: string; sub: string; uni: string }[] =>
  tool('pdffonts', [tempFile(pdf)])
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      // The last five columns are emb sub uni object-number generation.
      const [emb = '', sub = '', uni = ''] = cells.slice(-5, -2);
      return { name: cells[0] ?? '', emb, sub, uni };
    });

/** Symbols zbar finds on page `page` rendered at 150 dpi, as `TYPE:data` lines. */
export const readCodes = (pdf: Uint8Array, page = 1): string[] => {
  const file = tempFile(pdf);
  const png = join(dir, `codes${counter++}`);
  tool('pdftoppm', ['-png', '-r', '150', '-f', String(page), '-l', String(page), '-singlefile', file, png]);
  return tool('zbarimg', ['-q', `${png}.png`])
    .split('\n')
    .filter((line) => line !== '');
};

/** Whitespace-insensitive form for comparing extracted text with expected lines. */
export const squash = (text: string): string => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
