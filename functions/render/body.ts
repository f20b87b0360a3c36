/**
 * The text column's blocks as flow blocks: titles, justified paragraphs with a first-line indent,
 * UN numbered paragraphs and headings with hanging numbers, and the signature block set against
 * the end side of the column.
 */
import type { Lang } from '../domain/languages.ts';
import { fill, strings } from '../domain/strings.ts';
import type { ParagraphStyle, Run } from '../typeset/types.ts';
import { boxLeft, drawLine, pdfY, type RenderContext, styleOf, UNBOUNDED } from './context.ts';
import type { FlowBlock, Row } from './flow.ts';
import type { Block } from './markdown.ts';

type Item = Extract<Block, { type: 'item' }>;

const column = (ctx: RenderContext) => ctx.template.column;

/** A marker that hangs `at` points from the start edge of the column on the first row. */
interface Marker {
  runs: Run[];
  style: ParagraphStyle;
  at?: number;
}

/**
 * Rows of a set paragraph in the text column, its box `inset` points from the column's start edge;
 * `marker` (a paragraph number, a bullet) stands on the first row.
 */
const rowsOf = (
  ctx: RenderContext,
  runs: readonly Run[],
  style: ParagraphStyle,
  width = column(ctx).width,
  marker?: Marker,
  inset = 0,
): Row[] => {
  const left = boxLeft(ctx, column(ctx).left + inset, width);
  const markerX = marker && boxLeft(ctx, column(ctx).left + (marker.at ?? 0), 0);
  return ctx.typesetter.setParagraph(runs, style, width).map((line, i) => (page, baseline) => {
    line.draw(page, left, pdfY(ctx, baseline));
    if (i === 0 && marker && markerX !== undefined) {
      drawLine(ctx, page, marker.runs, marker.style, markerX, baseline, ctx.dir === 'rtl' ? 'right' : 'left');
    }
  });
};

/** The letter of a sub-list's `ordinal`-th item: `a` … `z`, then `aa`, `bb` …; Arabic letters in abjad order. */
const subparagraphMarker = (lang: Lang, ordinal: number): string => {
  const s = strings(lang);
  const latin = String.fromCharCode(0x61 + (ordinal % 26)).repeat(Math.floor(ordinal / 26) + 1);
  const letter = [...latin].map((c) => s.agenda.subItemLetters?.[c] ?? c).join('');
  return fill(s.subparagraph, { letter });
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
  const markerStyle = numberStyle('regular').style;
  const markerOf = (item: Item): string => {
    const { bullets } = ctx.template.list;
    return item.ordinal === undefined
      ? (bullets[Math.min(item.level, bullets.length - 1)] ?? '•')
      : subparagraphMarker(ctx.lang, item.ordinal);
  };
  // Each list hangs its text by the indent, or by its widest marker and half an em (Arabic `(هـ)`).
  const hangs = new Map<number, number>();
  for (const block of blocks) {
    if (block.type !== 'item' || block.continued) continue;
    const [marker] = ctx.typesetter.setParagraph([{ text: markerOf(block) }], markerStyle, UNBOUNDED);
    const needed = (marker?.width ?? 0) + markerStyle.size / 2;
    hangs.set(block.list, Math.max(hangs.get(block.list) ?? body.firstLineIndent, needed));
  }
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
    if (block.type === 'item') {
      // The marker stands at the first-line indent (one further per level), the text one indent
      // further, or as far as the list's widest marker needs, every line of it.
      const at = body.firstLineIndent * (block.level + 1);
      const inset = at + (hangs.get(block.list) ?? body.firstLineIndent);
      return {
        rows: rowsOf(
          ctx,
          block.runs,
          text,
          column(ctx).width - inset,
          block.continued
            ? undefined
            : { runs: [{ text: markerOf(block), role: 'regular' }], style: markerStyle, at },
          inset,
        ),
        leading: text.leading,
        spaceBefore: 0,
        spaceAfter: body.paragraphSpacing,
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
