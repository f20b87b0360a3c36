/**
 * The typesetter bound to one PDF document: sets paragraphs into lines (itemization, shaping,
 * line breaking, bidi, justification) and at the end writes the subset fonts.
 */
import type { PDFDocument } from 'pdf-lib';
import { DIRECTION } from '../domain/languages.ts';
import { DocumentFonts } from './document-fonts.ts';
import { loadHarfBuzz } from './harfbuzz.ts';
import { itemize } from './itemize.ts';
import { setLines } from './paragraph.ts';
import type { TypesetLine } from './set-line.ts';
import { Shaper } from './shaper.ts';
import { loadSubsetter } from './subset.ts';
import type { ParagraphStyle, Run, Typesetter } from './types.ts';

export interface DistrTypesetter extends Typesetter {
  /** Lines are `TypesetLine`s: they also tell their text, range and justified width. */
  setParagraph(runs: readonly Run[], style: ParagraphStyle, width: number): TypesetLine[];
}

/** Creates a typesetter for `doc`. HarfBuzz and the subsetter are compiled once per process. */
export const createTypesetter = async (doc: PDFDocument): Promise<DistrTypesetter> => {
  const [hb, subsetter] = await Promise.all([loadHarfBuzz(), loadSubsetter()]);
  const shaper = new Shaper(hb);
  const fonts = new DocumentFonts(doc);

  const setParagraph = (runs: readonly Run[], style: ParagraphStyle, width: number): TypesetLine[] => {
    if (!(width > 0)) throw new RangeError(`paragraph width must be positive, got ${width}`);
    if (!(style.size > 0)) throw new RangeError(`font size must be positive, got ${style.size}`);
    const direction = style.direction ?? DIRECTION[style.lang];
    const para = itemize(hb, shaper, runs, style.lang, direction);
    return setLines({ shaper, fonts }, para, style, width, direction);
  };

  return {
    setParagraph,
    measure(runs, style) {
      const lines = setParagraph(
        runs,
        { ...style, align: 'start', indent: 0, firstLineIndent: 0 },
        Number.MAX_VALUE,
      );
      return lines.reduce((max, line) => Math.max(max, line.width), 0);
    },
    finish() {
      fonts.finish(subsetter);
    },
  };
};
