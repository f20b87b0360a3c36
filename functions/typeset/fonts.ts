/**
 * The pinned font files (templates/fonts/) and their process-wide HarfBuzz objects. A font is read
 * and parsed the first time a paragraph needs it, then shared by every typesetter of the process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Font } from 'harfbuzzjs';
import { type FontMetrics, readFontMetrics } from './font-metrics.ts';
import type { HarfBuzz } from './harfbuzz.ts';
import { fontsDir } from './templates-dir.ts';

export const FONT_FILES = {
  serifRegular: 'LiberationSerif-Regular.ttf',
  serifBold: 'LiberationSerif-Bold.ttf',
  serifItalic: 'LiberationSerif-Italic.ttf',
  serifBoldItalic: 'LiberationSerif-BoldItalic.ttf',
  arabicRegular: 'Amiri-Regular.ttf',
  arabicBold: 'Amiri-Bold.ttf',
  cjkRegular: 'NotoSerifCJKsc-Regular.otf',
  cjkBold: 'NotoSerifCJKsc-Bold.otf',
} as const;

export type FontKey = keyof typeof FONT_FILES;

export interface LoadedFont {
  readonly key: FontKey;
  readonly hbFont: Font;
  readonly metrics: FontMetrics;
  /** PostScript name (name ID 6), used for the PDF BaseFont. */
  readonly postScriptName: string;
  /** CFF outlines (embedded as CIDFontType0C) rather than TrueType glyf outlines. */
  readonly isCff: boolean;
  readonly serif: boolean;
  /** The font file; kept for the subsetter, which opens it on first use. */
  readonly bytes: Uint8Array;
  hasChar(codePoint: number): boolean;
  /** Horizontal advance of a glyph in font units (the hmtx value a PDF viewer uses). */
  advance(gid: number): number;
}

const loaded = new Map<FontKey, LoadedFont>();

export const loadFont = (hb: HarfBuzz, key: FontKey): LoadedFont => {
  const cached = loaded.get(key);
  if (cached) return cached;
  const bytes = new Uint8Array(readFileSync(join(fontsDir(), FONT_FILES[key])));
  const face = new hb.Face(new hb.Blob(bytes));
  const hbFont = new hb.Font(face);
  const coverage = new Map<number, boolean>();
  const advances = new Map<number, number>();
  const isCff = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0) === 0x4f54544f; // 'OTTO'
  const font: LoadedFont = {
    key,
    hbFont,
    metrics: readFontMetrics(bytes),
    postScriptName: face.getName(6, 'en').replace(/[^\x21-\x7e]|[[\]()<>{}/%#]/g, ''),
    isCff,
    serif: true,
    bytes,
    hasChar(codePoint) {
      let has = coverage.get(codePoint);
      if (has === undefined) {
        has = hbFont.nominalGlyph(codePoint) !== undefined;
        coverage.set(codePoint, has);
      }
      return has;
    },
    advance(gid) {
      let a = advances.get(gid);
      if (a === undefined) {
        a = hbFont.glyphHAdvance(gid);
        advances.set(gid, a);
      }
      return a;
    },
  };
  loaded.set(key, font);
  return font;
};
