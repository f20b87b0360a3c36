/** Horizontal rules (the masthead's thin and thick lines, the running-header line, footnote rules). */
import { type PDFPage, rgb } from 'pdf-lib';
import type { RenderContext } from './context.ts';
import type { ArtifactKind } from './structure.ts';

/**
 * A rule from `x1` to `x2` (page coordinates) whose upper edge is `top` points below the page top.
 * Rules are furniture: `artifact` says which (a page layout line unless told otherwise).
 */
export const drawRule = (
  ctx: RenderContext,
  page: PDFPage,
  x1: number,
  x2: number,
  top: number,
  thickness: number,
  artifact: ArtifactKind = 'layout',
): void => {
  ctx.tags.artifact(page, artifact, () =>
    page.drawRectangle({
      x: x1,
      y: ctx.height - top - thickness,
      width: x2 - x1,
      height: thickness,
      color: rgb(0, 0, 0),
    }),
  );
};

/** The full-width rule between the frame margins. */
export const drawFrameRule = (
  ctx: RenderContext,
  page: PDFPage,
  top: number,
  thickness: number,
  artifact: ArtifactKind = 'layout',
): void =>
  drawRule(
    ctx,
    page,
    ctx.template.frame.left,
    ctx.width - ctx.template.frame.right,
    top,
    thickness,
    artifact,
  );
