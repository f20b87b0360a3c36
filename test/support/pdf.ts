/**
 * Reading PDFs back the way a reader's tools do: poppler (text, word boxes, fonts, pages as
 * images), zbar (barcodes and QR codes), MuPDF (font errors) and pdf-lib (page operators), on
 * temporary files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import * as mupdf from 'mupdf';
import { PDFArray, PDFDocument, PDFRawStream } from 'pdf-lib';

/** A PDF's bytes, or the path of a PDF file. */
export type Pdf = Uint8Array | string;

const dir = mkdtempSync(join(tmpdir(), 'distr-test-pdf-'));
let counter = 0;

/** Writes bytes to a fresh temporary file and returns its path. */
export const tempFile = (bytes: Uint8Array, ext = 'pdf'): string => {
  const path = join(dir, `f${counter++}.${ext}`);
  writeFileSync(path, bytes);
  return path;
};

export const tempDir = (): string => mkdtempSync(join(dir, 'd'));

const pathOf = (pdf: Pdf): string => (typeof pdf === 'string' ? pdf : tempFile(pdf));

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
export const pdfText = (pdf: Pdf, first?: number, last?: number): string => {
  const range = first ? ['-f', String(first), '-l', String(last ?? first)] : [];
  return tool('pdftotext', ['-enc', 'UTF-8', ...range, pathOf(pdf), '-']).replace(
    /[\u200d\u200e\u200f\u202a-\u202e]/g,
    '',
  );
};

/** The XMP packet as a reader finds it: poppler inflates the (Flate-compressed) metadata stream. */
export const pdfXmp = (pdf: Pdf): string => tool('pdfinfo', ['-meta', pathOf(pdf)]);

/** Words of page `page` with their boxes in points from the top left (`pdftotext -bbox`). */
export const pdfWords = (pdf: Pdf, page = 1): { text: string; xMin: number; xMax: number; yMin: number }[] =>
  [
    ...tool('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pathOf(pdf), '-']).matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g,
    ),
  ].map(([, xMin = '', yMin = '', xMax = '', text = '']) => ({
    text,
    xMin: Number(xMin),
    xMax: Number(xMax),
    yMin: Number(yMin),
  }));

export interface PdfFont {
  name: string;
  type: string;
  emb: string;
  sub: string;
  uni: string;
}

/** `pdffonts` rows: name, type, whether embedded, subset and with a ToUnicode map. */
export const pdfFonts = (pdf: Pdf): PdfFont[] =>
  tool('pdffonts', [pathOf(pdf)])
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      // name, type words…, encoding, emb, sub, uni, object number, generation
      const [emb = '', sub = '', uni = ''] = cells.slice(-5, -2);
      return { name: cells[0] ?? '', type: cells.slice(1, -6).join(' '), emb, sub, uni };
    });

/**
 * Page `page` rasterized by `pdftoppm` at `dpi`, with `flags` such as `-png` or `-gray`, into
 * `out` (a fresh temporary name unless given, without extension); returns the image's path.
 */
export const rasterize = (
  pdf: Pdf,
  page: number,
  dpi: number,
  flags: string[] = ['-png'],
  out = join(dir, `page${counter++}`),
): string => {
  tool('pdftoppm', [
    ...flags,
    '-r',
    String(dpi),
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    pathOf(pdf),
    out,
  ]);
  return `${out}.${flags.includes('-png') ? 'png' : flags.includes('-gray') ? 'pgm' : 'ppm'}`;
};

/** Symbols zbar finds on page `page` rendered at 150 dpi, as `TYPE:data` lines. */
export const readCodes = (pdf: Pdf, page = 1): string[] =>
  tool('zbarimg', ['-q', rasterize(pdf, page, 150)])
    .split('\n')
    .filter((line) => line !== '');

/**
 * MuPDF's complaints while rendering every page (font errors show up here), as `mutool draw`
 * would print them; from Artifex's own WebAssembly build, so no system package is needed.
 */
export const mupdfErrors = (pdf: Pdf): string[] => {
  const complaints: string[] = [];
  mupdf.setLog({
    error: (message) => complaints.push(`error: ${message}`),
    warning: (message) => complaints.push(`warning: ${message}`),
  });
  try {
    const doc = mupdf.Document.openDocument(readFileSync(pathOf(pdf)), 'application/pdf');
    for (let page = 0; page < doc.countPages(); page++) {
      try {
        doc.loadPage(page).toPixmap(mupdf.Matrix.identity, mupdf.ColorSpace.DeviceRGB).destroy();
      } catch (error) {
        complaints.push(`error: page ${page + 1}: ${(error as Error).message}`);
      }
    }
    doc.destroy();
  } catch (error) {
    complaints.push(`error: ${(error as Error).message}`);
  } finally {
    mupdf.setLog(null);
  }
  return complaints;
};

/** The operators of a PDF's first page, decompressed. */
export const firstPageContent = async (pdf: Uint8Array): Promise<string> => {
  const doc = await PDFDocument.load(pdf);
  const contents = doc.getPage(0).node.Contents();
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  return refs
    .map((ref) => {
      const stream = doc.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) throw new Error('page content is not a stream');
      return inflateSync(stream.contents).toString('latin1');
    })
    .join('\n');
};

/** Whitespace-insensitive form for comparing extracted text with expected lines. */
export const squash = (text: string): string => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** Share of `size`-character chunks of `expected` found in `actual`, both without whitespace. */
export const chunkRecall = (expected: string, actual: string, size = 12): number => {
  const e = expected.replace(/\s+/g, '');
  const a = actual.replace(/\s+/g, '');
  let found = 0;
  let total = 0;
  for (let i = 0; i + size <= e.length; i += size) {
    total++;
    if (a.includes(e.slice(i, i + size))) found++;
  }
  return total === 0 ? 1 : found / total;
};
