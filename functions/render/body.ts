/**
 * The text column's blocks as flow blocks: titles, justified paragraphs with a first-line indent,
 * UN numbered paragraphs and headings with hanging numbers, and the signature block set against
 * the end side of the column.
 */
import type { ParagraphStyle, Run } from '../typeset/types.ts';
import { boxLeft, drawLine, pdfY, type RenderContext, styleOf } from './context.ts';
import type { FlowBlock, Row } from './flow.ts';
import type { Block } from './markdown.ts';

const column = (ctx: RenderContext) => ctx.template.column;

/** Rows of a set paragraph in the text column; `number` hangs at the start edge of the first row. */
const rowsOf = (
  ctx: RenderContext,
  runs: readonly Run[],
  style: ParagraphStyle,
  width = column(ctx).width,
  number?: { runs: Run[]; style: ParagraphStyle },
): Row[] => {
  const left = boxLeft(ctx, column(ctx).left, width);
  return ctx.typesetter.setParagraph(runs, style, width).map((line, i) => (page, baseline) => {
    line.draw(page, left, pdfY(ctx, baseline));
    if (i === 0 && number) {
      const x = ctx.dir === 'rtl' ? left + width : left;
      drawLine(ctx, page, number.runs, number.style, x, baseline, ctx.dir === 'rtl' ? 'right' : 'left');
    }
  });
};

/** The bold title under the masthead (also the annex heading and title). */
export const titleBlock = (
  ctx: RenderContext,
  runs: Run[],
  spec: { size: number; leading: number; spaceAfter: number },
  spaceBefore = 0,
): FlowBlock => {
  const style = styleOf(ctx, spec.size, spec.leading, { align: 'start' });
  const width = column(ctx).width - ctx.template.title.rightIndent;
  return {
    rows: rowsOf(
      ctx,
      runs.map((r) => ({ ...r, role: r.role === 'italic' ? 'boldItalic' : 'bold' })),
      style,
      width,
    ),
    leading: style.leading,
    spaceBefore,
    spaceAfter: spec.spaceAfter,
    keepWithNext: true,
  };
};

/** Flow blocks of a Markdown body. */
export const bodyBlocks = (ctx: RenderContext, blocks: readonly Block[]): FlowBlock[] => {
  const { body, heading } = ctx.template;
  const text = styleOf(ctx, body.size, body.leading, { align: 'justify' });
  const numberStyle = (role: Run['role']) => ({
    runs: [] as Run[],
    style: styleOf(ctx, body.size, body.leading, { align: 'start' as const }),
    role,
  });
  return blocks.map((block): FlowBlock => {
    if (block.type === 'heading') {
      const size = block.depth <= 1 ? ctx.template.title.size : heading.size;
      const leading = block.depth <= 1 ? ctx.template.title.leading : heading.leading;
      const style = styleOf(ctx, size, leading, {
        align: 'start',
        ...(block.number ? { indent: body.firstLineIndent } : {}),
      });
      const n = numberStyle('bold');
      return {
        rows: rowsOf(
          ctx,
          block.runs,
          style,
          column(ctx).width,
          block.number
            ? { runs: [{ text: block.number, role: 'bold' }], style: { ...n.style, size: style.size } }
            : undefined,
        ),
        leading: style.leading,
        spaceBefore: heading.spaceBefore,
        spaceAfter: heading.spaceAfter,
        keepWithNext: true,
      };
    }
    const rows =
      block.type === 'numbered'
        ? rowsOf(ctx, block.runs, { ...text, firstLineIndent: body.firstLineIndent }, column(ctx).width, {
            runs: [{ text: block.number, role: 'regular' }],
            style: numberStyle('regular').style,
          })
        : rowsOf(ctx, block.runs, { ...text, firstLineIndent: body.firstLineIndent });
    return { rows, leading: text.leading, spaceBefore: 0, spaceAfter: body.paragraphSpacing };
  });
};

/** The signature block: each line set against the end side of the column, kept on one page. */
export const signatureBlock = (ctx: RenderContext, lines: Run[][]): FlowBlock => {
  const { body, signature } = ctx.template;
  const style = styleOf(ctx, body.size, body.leading, { align: 'end' });
  return {
    rows: lines.flatMap((runs) => rowsOf(ctx, runs, style)),
    leading: style.leading,
    spaceBefore: signature.spaceBefore,
    spaceAfter: body.paragraphSpacing,
    keepTogether: true,
  };
};

/** A short paragraph of the annex's notes (`[Original: French]`), set against the end side. */
export const noteBlock = (ctx: RenderContext, text: string): FlowBlock => {
  const note = ctx.template.annex.note;
  const style = styleOf(ctx, note.size, note.leading, { align: 'end' });
  return {
    rows: rowsOf(ctx, [{ text }], style),
    leading: style.leading,
    spaceBefore: 0,
    spaceAfter: note.spaceAfter,
  };
};
