/** Horizontal rules (the masthead's thin and thick lines, the running-header line, footnote rules). */
import { type PDFPage, rgb } from 'pdf-lib';
import type { RenderContext } from './context.ts';

/** A rule from `x1` to `x2` (page coordinates) whose upper edge is `top` points below the page top. */
export const drawRule = (
  ctx: RenderContext,
  page: PDFPage,
  x1: number,
  x2: number,
  top: number,
  thickness: number,
): void => {
  page.drawRectangle({
    x: x1,
    y: ctx.height - top - thickness,
    width: x2 - x1,
    height: thickness,
    color: rgb(0, 0, 0),
  });
};

/** The full-width rule between the frame margins. */
export const drawFrameRule = (ctx: RenderContext, page: PDFPage, top: number, thickness: number): void =>
  drawRule(ctx, page, ctx.template.frame.left, ctx.width - ctx.template.frame.right, top, thickness);
