/**
 * The font writer: every font a document draws with becomes a subset Type0 font (Identity-H) with
 * a CIDFontType2 (TrueType, /FontFile2, glyph ids kept) or CIDFontType0 (CID-keyed CFF,
 * /FontFile3 /CIDFontType0C) descendant, /W widths, a FontDescriptor and a ToUnicode CMap. The
 * font objects are written at `finish`, once every glyph is known; pages point at a reference
 * reserved on first use.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFArray, type PDFDocument, PDFNumber, type PDFRef, PDFString } from 'pdf-lib';
import type { LoadedFont } from './fonts.ts';
import { sfntTable } from './sfnt.ts';
import { LAYOUT_TABLES, type SubsetFace, type Subsetter } from './subset.ts';
import { toUnicodeCMap } from './to-unicode.ts';

export interface EmbeddedFont {
  /** Resource name in page font dictionaries. */
  readonly name: string;
  readonly ref: PDFRef;
  /** Notes that the glyph is drawn, standing for `text` (the first text recorded wins). */
  record(gid: number, text: string): void;
  /** The glyph's width in /W, in thousandths of the font size. */
  width(gid: number): number;
}

interface FontUse extends EmbeddedFont {
  font: LoadedFont;
  toUnicode: Map<number, string>;
}

/**
 * Subset faces live as long as the process: opening one reads the font into WASM memory (a large
 * CFF font without its outlines, which are read glyph by glyph as subsets need them).
 */
const subsetFaces = new Map<string, SubsetFace>();

/**
 * Deflated font programs by font and glyph set, as long as the process lives (up to a bound): a
 * preview renders the same text again, and most edits keep the glyph set, so the subset and its
 * compression (most of the font writer's time) are done once. Same input, same bytes.
 */
interface FontProgram {
  /** The subset's font program (the whole sfnt, or its bare CFF table), deflated. */
  deflated: Uint8Array;
  /** Its length before deflating (/Length1 of a TrueType program). */
  length: number;
}
const fontPrograms = new Map<string, FontProgram>();
const MAX_CACHED_PROGRAM_BYTES = 24 * 1024 * 1024;
let cachedProgramBytes = 0;

const rememberProgram = (key: string, program: FontProgram): void => {
  fontPrograms.set(key, program);
  cachedProgramBytes += program.deflated.length;
  for (const [oldKey, old] of fontPrograms) {
    if (cachedProgramBytes <= MAX_CACHED_PROGRAM_BYTES) break;
    fontPrograms.delete(oldKey);
    cachedProgramBytes -= old.deflated.length;
  }
};

/** Empties the font program cache (benchmarks measure a render whose glyph set is new). */
export const clearFontProgramCache = (): void => {
  fontPrograms.clear();
  cachedProgramBytes = 0;
};

/** The subsets drop the layout tables, so the subsetter need not read them. */
const SUBSET_SOURCE_TABLES = (tag: string): boolean => !LAYOUT_TABLES.has(tag);

export class DocumentFonts {
  readonly #doc: PDFDocument;
  readonly #uses = new Map<string, FontUse>();
  #finished = false;

  constructor(doc: PDFDocument) {
    this.#doc = doc;
  }

  /** The embedded font that draws `font`'s glyphs (one for a face and the faces emboldened from it). */
  use(font: LoadedFont): EmbeddedFont {
    if (this.#finished) throw new Error('the typesetter is finished: its fonts are already written');
    const existing = this.#uses.get(font.outlines);
    if (existing) return existing;
    const toUnicode = new Map<number, string>();
    const scale = 1000 / font.metrics.upem;
    const use: FontUse = {
      font,
      toUnicode,
      name: `DistrF${this.#uses.size + 1}`,
      ref: this.#doc.context.nextRef(),
      record(gid, text) {
        const known = toUnicode.get(gid);
        if (known === undefined || (known === '' && text !== '')) toUnicode.set(gid, text);
      },
      // Whole units: MuPDF reads /W widths as integers, so fractional ones would move its glyphs.
      width: (gid) => Math.round(font.advance(gid) * scale),
    };
    this.#uses.set(font.outlines, use);
    return use;
  }

  finish(subsetter: Subsetter): void {
    if (this.#finished) throw new Error('finish() was already called');
    this.#finished = true;
    for (const use of this.#uses.values()) this.#write(use, subsetter);
  }

  /** Subsets `font` to `gids` and deflates the program PDF embeds. */
  #program(font: LoadedFont, gids: readonly number[], subsetter: Subsetter): FontProgram {
    let face = subsetFaces.get(font.path);
    if (!face) {
      face = subsetter.openFile(font.path, SUBSET_SOURCE_TABLES);
      subsetFaces.set(font.path, face);
    }
    // CID-keyed CFF keeps its CIDs (= the original glyph ids) in its charset, so glyph ids need not
    // be retained; TrueType keeps them, so CID = glyph id through CIDToGIDMap /Identity.
    const subset = face.subset({
      glyphs: gids,
      retainGids: !font.isCff,
      dropLayout: true,
      dropHinting: true,
      // CFF: charstrings with their subroutines inlined and no hints. The subroutines of a 65,000-glyph
      // font serve a few hundred glyphs badly (calls and unused bodies); inlined, the subset of the
      // design sample's Chinese is 21 % smaller once deflated, and hb-subset is faster, not slower.
      desubroutinize: true,
    });
    if (!font.isCff) return { deflated: deflateSync(subset), length: subset.length };
    const cff = sfntTable(subset, 'CFF ');
    if (!cff) throw new Error(`subset of ${font.postScriptName} has no CFF table`);
    return { deflated: deflateSync(cff), length: cff.length };
  }

  #write(use: FontUse, subsetter: Subsetter): void {
    const { font } = use;
    const context = this.#doc.context;
    const gids = [...use.toUnicode.keys()].sort((a, b) => a - b);
    const programKey = `${font.path}\u0000${font.isCff ? 'cff' : 'ttf'}\u0000${gids.join(',')}`;
    let program = fontPrograms.get(programKey);
    if (program) {
      // Most recently used last, so the bound drops the programs not used for longest.
      fontPrograms.delete(programKey);
      fontPrograms.set(programKey, program);
    } else {
      program = this.#program(font, gids, subsetter);
      rememberProgram(programKey, program);
    }
    const tag = subsetTag(font.postScriptName, gids);
    const baseFont = `${tag}+${font.postScriptName}`;
    const m = font.metrics;
    const k = 1000 / m.upem;

    const fontFile = context.register(
      context.stream(program.deflated, {
        ...(font.isCff ? { Subtype: 'CIDFontType0C' } : { Length1: program.length }),
        Filter: 'FlateDecode',
      }),
    );

    const italic = m.italicAngle !== 0;
    // Bits: 1 fixed pitch, 2 serif, 3 symbolic (glyphs outside the standard Latin set), 7 italic.
    const flags = (m.fixedPitch ? 1 : 0) | (font.serif ? 2 : 0) | 4 | (italic ? 64 : 0);
    const descriptor = context.register(
      context.obj({
        Type: 'FontDescriptor',
        FontName: baseFont,
        Flags: flags,
        FontBBox: m.bbox.map((v) => Math.round(v * k)),
        ItalicAngle: m.italicAngle,
        Ascent: Math.round(m.ascent * k),
        Descent: Math.round(m.descent * k),
        CapHeight: Math.round(m.capHeight * k),
        // PDF wants a stem width; fonts do not store one, so estimate it from the weight class.
        StemV: Math.round(10 + (220 * (m.weightClass - 50)) / 900),
        [font.isCff ? 'FontFile3' : 'FontFile2']: fontFile,
      }),
    );

    const cidFont = context.register(
      context.obj({
        Type: 'Font',
        Subtype: font.isCff ? 'CIDFontType0' : 'CIDFontType2',
        BaseFont: baseFont,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        DW: DEFAULT_WIDTH,
        W: widthsArray(context, gids, use.width),
        ...(font.isCff ? {} : { CIDToGIDMap: 'Identity' }),
      }),
    );
    const toUnicode = context.register(
      flate(context, new TextEncoder().encode(toUnicodeCMap(use.toUnicode)), {}),
    );
    context.assign(
      use.ref,
      context.obj({
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: font.isCff ? `${baseFont}-Identity-H` : baseFont,
        Encoding: 'Identity-H',
        DescendantFonts: [cidFont],
        ToUnicode: toUnicode,
      }),
    );
  }
}

/** A FlateDecode stream compressed with Node's zlib (native, several times faster than pdf-lib's pako). */
const flate = (context: PDFDocument['context'], bytes: Uint8Array, dict: Record<string, string | number>) =>
  context.stream(deflateSync(bytes), { ...dict, Filter: 'FlateDecode' });

/** Width of the glyphs /W leaves out (most Chinese glyphs are a full em wide). */
const DEFAULT_WIDTH = 1000;

/**
 * `/W [ first [w1 w2 …] … ]` with one group per run of consecutive glyph ids, leaving out the
 * glyphs whose width is /DW.
 */
const widthsArray = (
  context: PDFDocument['context'],
  gids: readonly number[],
  width: (gid: number) => number,
): PDFArray => {
  const out = PDFArray.withContext(context);
  let i = 0;
  while (i < gids.length) {
    const first = gids[i] ?? 0;
    if (width(first) === DEFAULT_WIDTH) {
      i++;
      continue;
    }
    const group = PDFArray.withContext(context);
    let next = first;
    while (i < gids.length && gids[i] === next && width(next) !== DEFAULT_WIDTH) {
      group.push(PDFNumber.of(width(next)));
      next++;
      i++;
    }
    out.push(PDFNumber.of(first));
    out.push(group);
  }
  return out;
};

/** Six capital letters derived from the font and its glyph set: deterministic, and different per subset. */
export const subsetTag = (postScriptName: string, gids: readonly number[]): string => {
  const digest = createHash('sha256').update(postScriptName).update(Uint32Array.from(gids)).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + ((digest[i] ?? 0) % 26));
  return tag;
};
