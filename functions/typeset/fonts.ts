/**
 * The pinned font files (templates/fonts/) and their process-wide HarfBuzz objects. A font is read
 * and parsed the first time a paragraph needs it, then shared by every typesetter of the process.
 *
 * Shaping never reads a CFF font's outlines, so HarfBuzz gets a copy of the font without its
 * `CFF ` table: for the Chinese font that is under 1 MB of its 14 MB. The outlines are read only by
 * the subsetter, straight from the file into its own memory, when a document is finished.
 */
import { join } from 'node:path';
import type { Font } from 'harfbuzzjs';
import { fontsDir } from '../templates-dir.ts';
import { type FontMetrics, readFontMetrics } from './font-metrics.ts';
import type { HarfBuzz } from './harfbuzz.ts';
import { copySfntTables } from './sfnt.ts';

export const FONT_FILES = {
  serifRegular: 'LiberationSerif-Regular.ttf',
  serifBold: 'LiberationSerif-Bold.ttf',
  serifItalic: 'LiberationSerif-Italic.ttf',
  serifBoldItalic: 'LiberationSerif-BoldItalic.ttf',
  arabicRegular: 'Amiri-Regular.ttf',
  arabicBold: 'Amiri-Bold.ttf',
  cjkRegular: 'NotoSerifCJKsc-Regular.otf',
} as const;

/**
 * Faces drawn from another face's outlines, filled and stroked. Chinese bold is the Song face
 * emboldened, as Word draws SimSun (which has no bold) in UN Chinese documents: the bold glyphs are
 * then the regular ones already embedded, where a true bold face would embed a second Chinese
 * font, a quarter of the design sample's Chinese PDF.
 */
const EMBOLDENED = { cjkBold: 'cjkRegular' } as const satisfies Record<string, keyof typeof FONT_FILES>;

/** Stroke width of an emboldened face, in em: close to FreeType's synthetic bold (1/24 em). */
export const EMBOLDEN_STROKE = 0.04;

export type FontKey = keyof typeof FONT_FILES | keyof typeof EMBOLDENED;

/** The pinned file whose outlines and character map a face uses. */
export const fontFileOf = (key: FontKey): string =>
  FONT_FILES[
    key in EMBOLDENED ? EMBOLDENED[key as keyof typeof EMBOLDENED] : (key as keyof typeof FONT_FILES)
  ];

export interface LoadedFont {
  readonly key: FontKey;
  /** The face whose outlines are drawn: itself, or the face an emboldened one is made from. */
  readonly outlines: FontKey;
  /** Drawn filled and stroked (text render mode 2) to look bold. */
  readonly emboldened: boolean;
  readonly hbFont: Font;
  readonly metrics: FontMetrics;
  /** PostScript name (name ID 6), used for the PDF BaseFont. */
  readonly postScriptName: string;
  /** CFF outlines (embedded as CIDFontType0C) rather than TrueType glyf outlines. */
  readonly isCff: boolean;
  readonly serif: boolean;
  /** Path of the font file, which the subsetter opens on first use. */
  readonly path: string;
  hasChar(codePoint: number): boolean;
  /** Horizontal advance of a glyph in font units (the hmtx value a PDF viewer uses). */
  advance(gid: number): number;
}

const loaded = new Map<FontKey, LoadedFont>();

export const loadFont = (hb: HarfBuzz, key: FontKey): LoadedFont => {
  const cached = loaded.get(key);
  if (cached) return cached;
  if (key in EMBOLDENED) {
    const base = loadFont(hb, EMBOLDENED[key as keyof typeof EMBOLDENED]);
    const font: LoadedFont = { ...base, key, emboldened: true };
    loaded.set(key, font);
    return font;
  }
  const path = join(fontsDir(), FONT_FILES[key as keyof typeof FONT_FILES]);
  const { bytes } = copySfntTables(
    path,
    (tag) => tag !== 'CFF ',
    (size) => ({ bytes: new Uint8Array(size), at: 0 }),
  );
  const face = new hb.Face(new hb.Blob(bytes));
  const hbFont = new hb.Font(face);
  const coverage = new Map<number, boolean>();
  const advances = new Map<number, number>();
  const isCff = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0) === 0x4f54544f; // 'OTTO'
  const font: LoadedFont = {
    key,
    outlines: key,
    emboldened: false,
    hbFont,
    metrics: readFontMetrics(bytes),
    postScriptName: face.getName(6, 'en').replace(/[^\x21-\x7e]|[[\]()<>{}/%#]/g, ''),
    isCff,
    serif: true,
    path,
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
