/**
 * Visual regression: pages 1 and 2 of every language of the design sample, rasterized by poppler
 * at 50 dpi in grey, against the references in test/golden/ (gzipped PGM; a PNG beside each for
 * people). References change only on purpose:
 *   UPDATE_GOLDEN=1 npx vitest run test/render-visual.test.ts
 * then look at every test/golden/*.png before committing them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../functions/domain/languages.ts';
import { renderDocument } from '../functions/render/index.ts';
import { loadFixture } from './support/fixtures.ts';
import { rasterize, tempFile } from './support/pdf.ts';

const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const PAGES = [1, 2];
/** A pixel differs when its grey level moves by more than this (anti-aliasing noise stays below). */
const LEVEL = 48;
/** Share of differing pixels a page may have. */
const TOLERANCE = 0.005;

interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Reads a binary PGM (P5, 8-bit), the format `pdftoppm -gray` writes. */
const parsePgm = (bytes: Uint8Array): Gray => {
  const header: string[] = [];
  let at = 0;
  while (header.length < 4) {
    while (at < bytes.length && /\s/.test(String.fromCharCode(bytes[at] ?? 0))) at++;
    if (bytes[at] === 0x23) {
      while (at < bytes.length && bytes[at] !== 0x0a) at++;
      continue;
    }
    const start = at;
    while (at < bytes.length && !/\s/.test(String.fromCharCode(bytes[at] ?? 0))) at++;
    header.push(Buffer.from(bytes.subarray(start, at)).toString('latin1'));
  }
  const [magic, w, h, max] = header;
  if (magic !== 'P5' || max !== '255') throw new Error(`not an 8-bit binary PGM (${magic}, max ${max})`);
  const width = Number(w);
  const height = Number(h);
  const pixels = bytes.subarray(at + 1, at + 1 + width * height);
  if (pixels.length !== width * height) throw new Error('PGM is truncated');
  return { width, height, pixels };
};

/** Share of pixels whose grey level differs by more than LEVEL; 1 when the sizes differ. */
const difference = (a: Gray, b: Gray): number => {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.pixels.length; i++) {
    if (Math.abs((a.pixels[i] ?? 0) - (b.pixels[i] ?? 0)) > LEVEL) differing++;
  }
  return differing / a.pixels.length;
};

describe('parsePgm and difference', () => {
  it('tells identical, slightly and very different images apart', () => {
    const pgm = (pixels: number[]) => new Uint8Array([...Buffer.from('P5\n# c\n2 2\n255\n'), ...pixels]);
    const white = parsePgm(pgm([255, 255, 255, 255]));
    expect(white).toMatchObject({ width: 2, height: 2 });
    expect(difference(white, parsePgm(pgm([255, 255, 255, 250])))).toBe(0);
    expect(difference(white, parsePgm(pgm([0, 255, 255, 255])))).toBe(0.25);
    expect(() => parsePgm(pgm([1, 2]))).toThrow(/truncated/);
  });
});

describe('rendered pages look like the references', () => {
  const doc = loadFixture();
  for (const lang of LANGUAGES) {
    it(`${lang}: pages ${PAGES.join(' and ')}`, async () => {
      const { pdf } = await renderDocument(doc, lang);
      for (const page of PAGES) {
        const name = `A-79-923-S-2025-341.${lang}-${page}`;
        const reference = join(GOLDEN, `${name}.pgm.gz`);
        const actual = readFileSync(rasterize(pdf, page, 50, ['-gray']));
        if (UPDATE) {
          mkdirSync(GOLDEN, { recursive: true });
          writeFileSync(reference, gzipSync(actual, { level: 9 }));
          writeFileSync(
            join(GOLDEN, `${name}.png`),
            readFileSync(rasterize(pdf, page, 50, ['-png', '-gray'])),
          );
          continue;
        }
        if (!existsSync(reference)) {
          throw new Error(
            `no reference ${reference}: run UPDATE_GOLDEN=1 npx vitest run test/render-visual.test.ts`,
          );
        }
        const share = difference(parsePgm(gunzipSync(readFileSync(reference))), parsePgm(actual));
        if (share > TOLERANCE) {
          const kept = tempFile(actual, 'pgm');
          expect.fail(
            `${name}: ${(share * 100).toFixed(2)} % of pixels differ (limit ${TOLERANCE * 100} %); actual page in ${kept}`,
          );
        }
      }
    });
  }
});
