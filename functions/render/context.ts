/**
 * What every drawing step of one rendering shares: the PDF, the typesetter, the template, the
 * language and its direction. Positions in templates are for left-to-right pages; `boxLeft`
 * mirrors them for Arabic, so one template serves both directions.
 */
import type { PDFDocument, PDFPage } from 'pdf-lib';
import { DIRECTION, type Lang } from '../domain/languages.ts';
import type { ParagraphStyle, Run, SetLine, Typesetter } from '../typeset/types.ts';
import { Structure } from './structure.ts';
import type { Template } from './template.ts';
import { scaleOf } from './template.ts';

export interface RenderContext {
  pdf: PDFDocument;
  typesetter: Typesetter;
  template: Template;
  lang: Lang;
  dir: 'ltr' | 'rtl';
  width: number;
  height: number;
  /** Multipliers for the text sizes of this language (Arabic and Chinese run larger). */
  scale: { size: number; leading: number };
  /** The document's structure tree: every drawing step marks its content or calls it furniture. */
  tags: Structure;
}

export const createContext = (
  pdf: PDFDocument,
  typesetter: Typesetter,
  template: Template,
  lang: Lang,
  paper: { width: number; height: number },
): RenderContext => ({
  pdf,
  typesetter,
  template,
  lang,
  dir: DIRECTION[lang],
  width: paper.width,
  height: paper.height,
  scale: scaleOf(template, lang),
  tags: new Structure(),
});

/** Left edge of a box placed `x` points from the start side of the page (left, or right in Arabic). */
export const boxLeft = (ctx: RenderContext, x: number, width: number): number =>
  ctx.dir === 'rtl' ? ctx.width - x - width : x;

/** A style in the document's language, sized by its script. */
export const styleOf = (
  ctx: RenderContext,
  size: number,
  leading: number,
  rest: Partial<ParagraphStyle> = {},
): ParagraphStyle => ({
  lang: ctx.lang,
  size: size * ctx.scale.size,
  leading: leading * ctx.scale.leading,
  align: 'start',
  ...rest,
});

/**
 * Style for text that stays in Latin script whatever the version (symbols, job numbers, and the
 * English `Distr.`/date/`Original` lines of Arabic, Chinese and Russian mastheads).
 */
export const latinStyle = (size: number, rest: Partial<ParagraphStyle> = {}): ParagraphStyle => ({
  lang: 'en',
  size,
  leading: size * 1.2,
  align: 'start',
  direction: 'ltr',
  ...rest,
});

/** True when a string needs no script beyond Latin (the masthead lines kept in English). */
export const isLatin = (text: string): boolean =>
  /^[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]*$/u.test(text);

/**
 * The language of a one-off string when it is not the version's: the masthead lines the UN keeps
 * in English (`Distr.: General`, `Original: English`, the symbols) on pages in another script.
 */
export const foreignLang = (ctx: RenderContext, text: string): string | undefined =>
  ctx.lang !== 'en' &&
  ctx.lang !== 'fr' &&
  ctx.lang !== 'es' &&
  /\p{Script=Latin}/u.test(text) &&
  isLatin(text)
    ? 'en'
    : undefined;

/** The style for a one-off string: Latin text keeps the Latin font in every version. */
export const styleFor = (
  ctx: RenderContext,
  text: string,
  size: number,
  leading = size * 1.2,
): ParagraphStyle =>
  (ctx.lang === 'ar' || ctx.lang === 'zh') && isLatin(text)
    ? latinStyle(size, { leading })
    : { lang: ctx.lang, size, leading, align: 'start' };

/** PDF y of a baseline given from the top edge. */
export const pdfY = (ctx: RenderContext, fromTop: number): number => ctx.height - fromTop;

/** Wider than any page: a line set in it never breaks. */
export const UNBOUNDED = 10_000;

/**
 * Draws text on one line with its left or right end at `x` (page coordinates, no mirroring);
 * returns the width drawn. The text is shaped once: its width comes from the set line.
 */
export const drawLine = (
  ctx: RenderContext,
  page: PDFPage,
  runs: readonly Run[],
  style: ParagraphStyle,
  x: number,
  baselineFromTop: number,
  anchor: 'left' | 'right',
): number => {
  const [line] = ctx.typesetter.setParagraph(runs, { ...style, align: 'start' }, UNBOUNDED);
  if (!line) return 0;
  const width = line.width;
  const textLeft = anchor === 'left' ? x : x - width;
  // `start` is the left edge of the box in left-to-right text and its right edge in right-to-left text.
  const rtl = (style.direction ?? DIRECTION[style.lang]) === 'rtl';
  line.draw(page, rtl ? textLeft + width - UNBOUNDED : textLeft, pdfY(ctx, baselineFromTop));
  return width;
};

/** Sets a paragraph in a box `x` points from the start side, `width` wide; rows draw it line by line. */
export const setRows = (
  ctx: RenderContext,
  runs: readonly Run[],
  style: ParagraphStyle,
  x: number,
  width: number,
): { lines: SetLine[]; left: number } => ({
  lines: ctx.typesetter.setParagraph(runs, style, width),
  left: boxLeft(ctx, x, width),
});
