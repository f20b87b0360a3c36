/**
 * The first-page masthead: `United Nations` and the symbols, the organ names in large type, the
 * distribution/date/language block, the rules and the two-column session block. Text only: the
 * UN emblem's use is restricted. Every word comes from the domain's `mastheadText`. Each line is a
 * paragraph of the structure tree, in the order a reader takes them (which is the drawing order),
 * with its language when the UN keeps it in English; the rules are furniture.
 */
import type { PDFPage } from 'pdf-lib';
import type { MastheadText } from '../domain/masthead.ts';
import type { Run } from '../typeset/types.ts';
import { boxLeft, drawLine, foreignLang, latinStyle, pdfY, type RenderContext, styleFor } from './context.ts';
import { drawFrameRule } from './rules.ts';

/** Splits `A/79/923-S/2025/341` so the organ letter of each symbol is set large, as the UN does. */
export const symbolPieces = (symbols: string): { text: string; large: boolean }[] =>
  symbols
    .split(/(?<=-)(?=[A-Z])/)
    .flatMap((symbol) => [
      { text: symbol.slice(0, 1), large: true },
      { text: symbol.slice(1), large: false },
    ])
    .filter((piece) => piece.text !== '');

/** A masthead paragraph: a `P` of the tree, in English where the UN keeps the line in English. */
const paragraph = (ctx: RenderContext, text: string) => {
  const lang = foreignLang(ctx, text);
  return ctx.tags.root.add('P', lang ? { lang } : {});
};

const drawSymbols = (ctx: RenderContext, page: PDFPage, symbols: string): void => {
  const m = ctx.template.masthead.symbols;
  const { frame } = ctx.template;
  const pieces = symbolPieces(symbols);
  const element = paragraph(ctx, symbols);
  const draw = (x: number) =>
    pieces.reduce((at, piece) => {
      const style = latinStyle(piece.large ? m.organLetterSize : m.size);
      let width = 0;
      ctx.tags.mark(page, element, () => {
        width = drawLine(ctx, page, [{ text: piece.text, role: 'regular' }], style, at, m.baseline, 'left');
      });
      return at + width;
    }, x);
  if (ctx.dir === 'rtl') {
    // Top left on Arabic pages.
    draw(frame.left);
    return;
  }
  // Top right on left-to-right pages: measure the pieces, then draw them from the left.
  const total = pieces.reduce(
    (sum, piece) =>
      sum +
      ctx.typesetter.measure(
        [{ text: piece.text, role: 'regular' }],
        latinStyle(piece.large ? m.organLetterSize : m.size),
      ),
    0,
  );
  draw(ctx.width - frame.right - total);
};

/** Draws a line at `x` from the start side: left-anchored on LTR pages, right-anchored on RTL ones. */
const startLine = (
  ctx: RenderContext,
  page: PDFPage,
  runs: Run[],
  size: number,
  x: number,
  baseline: number,
) => {
  const text = runs.map((r) => r.text).join('');
  const style = styleFor(ctx, text, size);
  ctx.tags.mark(page, paragraph(ctx, text), () => {
    if (ctx.dir === 'rtl') drawLine(ctx, page, runs, style, ctx.width - x, baseline, 'right');
    else drawLine(ctx, page, runs, style, x, baseline, 'left');
  });
};

/** Draws the masthead on page 1; returns the baseline of its last line (the session block). */
export const drawMasthead = (ctx: RenderContext, page: PDFPage, text: MastheadText): number => {
  const m = ctx.template.masthead;

  startLine(
    ctx,
    page,
    [{ text: text.unitedNations }],
    m.unitedNations.size,
    m.organs.x,
    m.unitedNations.baseline,
  );
  drawSymbols(ctx, page, text.symbols);
  drawFrameRule(ctx, page, m.topRule.top, m.topRule.thickness);

  text.organs.forEach((organ, i) => {
    startLine(
      ctx,
      page,
      [{ text: organ, role: 'bold' }],
      m.organs.size,
      m.organs.x,
      m.organs.baseline + i * m.organs.leading,
    );
  });

  // Distribution, date, a blank line, this version's language, the original language.
  const status = [
    text.distribution,
    text.date,
    '',
    ...(text.versionLanguage ? [text.versionLanguage] : []),
    text.original,
  ];
  status.forEach((line, i) => {
    if (line === '') return;
    const style = styleFor(ctx, line, m.status.size);
    const baseline = m.status.baseline + i * m.status.leading;
    // The block sits opposite `United Nations`: right half on LTR pages, left half on Arabic ones.
    const x = ctx.dir === 'rtl' ? ctx.width - m.status.x - statusWidth(ctx) : m.status.x;
    ctx.tags.mark(page, paragraph(ctx, line), () => {
      drawLine(ctx, page, [{ text: line }], style, x, baseline, 'left');
    });
  });

  drawFrameRule(ctx, page, m.bottomRule.top, m.bottomRule.thickness);
  return drawCirculation(ctx, page, text);
};

/** Width of the status block: from its left edge to the right frame margin. */
const statusWidth = (ctx: RenderContext): number =>
  ctx.width - ctx.template.frame.right - ctx.template.masthead.status.x;

/** The two-column session block: organ, session or year, agenda line and item titles. */
const drawCirculation = (ctx: RenderContext, page: PDFPage, text: MastheadText): number => {
  const c = ctx.template.masthead.circulation;
  const size = c.size * ctx.scale.size;
  const leading = c.leading * ctx.scale.leading;
  let last = c.baseline;
  text.blocks.forEach((block, index) => {
    // More organs than columns: the extra ones go under the last column.
    const column = Math.min(index, c.columns.length - 1);
    const x = c.columns[column] ?? 0;
    const below = text.blocks.slice(column, index).length;
    let baseline = below > 0 ? last + 2 * leading : c.baseline;
    const lines: Run[][] = [
      [{ text: block.organ, role: 'bold' }],
      [{ text: block.period, role: 'bold' }],
      ...(block.agenda ? [[{ text: block.agenda.line, role: 'regular' as const }]] : []),
    ];
    const paragraphs = [
      ...lines,
      ...(block.agenda?.titles ?? []).map((t): Run[] => [{ text: t, role: 'bold' }]),
    ];
    for (const runs of paragraphs) {
      const text = runs.map((r) => r.text).join('');
      const style = { ...styleFor(ctx, text, size, leading) };
      const set = ctx.typesetter.setParagraph(runs, style, c.columnWidth);
      const left = boxLeft(ctx, x, c.columnWidth);
      const element = paragraph(ctx, text);
      for (const line of set) {
        const at = baseline;
        ctx.tags.mark(page, element, () => line.draw(page, left, pdfY(ctx, at)));
        baseline += leading;
      }
    }
    last = Math.max(last, baseline - leading);
  });
  return last;
};
