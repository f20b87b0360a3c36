/**
 * The text column's blocks as flow blocks: titles, justified paragraphs with a first-line indent,
 * UN numbered paragraphs and headings with hanging numbers, and the signature block set against
 * the end side of the column. Each block belongs to an element of the structure tree, made when
 * the block is (in reading order); its rows mark their lines as that element's content, wherever
 * the flow places them, and a hanging number or bullet as the label of its list item.
 */
import type { Lang } from '../domain/languages.ts';
import { fill, strings } from '../domain/strings.ts';
import type { ParagraphStyle, Run } from '../typeset/types.ts';
import { boxLeft, drawLine, pdfY, type RenderContext, styleOf, UNBOUNDED } from './context.ts';
import type { FlowBlock, Row } from './flow.ts';
import type { BodyTree, Container } from './markdown.ts';
import { drawRule } from './rules.ts';
import type { StructElement, StructType } from './structure.ts';

type Block = BodyTree['blocks'][number];
type Item = Extract<Block, { type: 'item' }>;

const column = (ctx: RenderContext) => ctx.template.column;

/** A marker that hangs `at` points from the start edge of the column on the first row. */
interface Marker {
  runs: Run[];
  style: ParagraphStyle;
  at?: number;
  /** The element it is drawn as (a list item's label); the paragraph's own unless told. */
  element?: StructElement;
}

/**
 * Rows of a set paragraph in the text column, its box `inset` points from the column's start edge;
 * `marker` (a paragraph number, a bullet) stands on the first row.
 */
const rowsOf = (
  ctx: RenderContext,
  element: StructElement,
  runs: readonly Run[],
  style: ParagraphStyle,
  width = column(ctx).width,
  marker?: Marker,
  inset = 0,
): Row[] => {
  const left = boxLeft(ctx, column(ctx).left + inset, width);
  const markerX = marker && boxLeft(ctx, column(ctx).left + (marker.at ?? 0), 0);
  const { tags } = ctx;
  // The marker comes first, so that a heading's own number reads before its words.
  return ctx.typesetter.setParagraph(runs, style, width).map((line, i) => (page, baseline) => {
    if (i === 0 && marker && markerX !== undefined) {
      tags.mark(page, marker.element ?? element, () =>
        drawLine(
          ctx,
          page,
          marker.runs,
          marker.style,
          markerX,
          baseline,
          ctx.dir === 'rtl' ? 'right' : 'left',
        ),
      );
    }
    tags.mark(page, element, () => line.draw(page, left, pdfY(ctx, baseline)));
  });
};

/**
 * Opens and closes the list, list item and quotation elements that the blocks of a body stand
 * in, under `root`. A list item is `LI` › `Lbl` + `LBody`: its label is made when its marker is,
 * and everything in the item (its paragraphs, lists inside it) goes into its body.
 */
class Containers {
  readonly #root: StructElement;
  readonly #open: { container: Container; element: StructElement; body?: StructElement }[] = [];

  constructor(root: StructElement) {
    this.#root = root;
  }

  /** The element that the content of a block inside `within` goes into. */
  enter(within: readonly Container[]): StructElement {
    let common = 0;
    while (common < this.#open.length && common < within.length) {
      const open = this.#open[common]?.container;
      const next = within[common];
      if (open?.type !== next?.type || open?.id !== next?.id) break;
      common++;
    }
    this.#open.length = common;
    for (const container of within.slice(common)) {
      const element = this.current().add(container.type);
      this.#open.push({ container, element });
    }
    return this.current();
  }

  current(): StructElement {
    const top = this.#open.at(-1);
    if (!top) return this.#root;
    if (top.container.type !== 'LI') return top.element;
    top.body ??= top.element.add('LBody');
    return top.body;
  }

  /** The label of the innermost list item, before its body. */
  label(): StructElement {
    const top = this.#open.at(-1);
    if (top?.container.type !== 'LI') return this.current();
    return top.element.prepend('Lbl');
  }
}

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
  element: StructElement,
  runs: Run[],
  spec: { size: number; leading: number; spaceAfter: number },
  spaceBefore = 0,
): FlowBlock => {
  const style = styleOf(ctx, spec.size, spec.leading, { align: 'start' });
  const width = column(ctx).width - ctx.template.title.rightIndent;
  return {
    rows: rowsOf(
      ctx,
      element,
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

/**
 * Flow blocks of a Markdown body, their elements made under `root`. Headings are `H{level}` from
 * `headingBase` for the body's shallowest heading depth, never skipping a level.
 */
export const bodyBlocks = (
  ctx: RenderContext,
  tree: BodyTree,
  root: StructElement,
  headingBase: number,
): FlowBlock[] => {
  const { blocks, within } = tree;
  const { body, heading } = ctx.template;
  const containers = new Containers(root);
  const depths = [...new Set(blocks.flatMap((b) => (b.type === 'heading' ? [b.depth] : [])))].sort(
    (a, b) => a - b,
  );
  let lastLevel = headingBase - 1;
  const headingType = (depth: number): StructType => {
    const level = Math.min(6, headingBase + depths.indexOf(depth), lastLevel + 1);
    lastLevel = level;
    return `H${level}` as StructType;
  };
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
  return blocks.map((block, index): FlowBlock => {
    const parent = containers.enter(within[index] ?? []);
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
          parent.add(headingType(block.depth)),
          block.runs,
          style,
          column(ctx).width,
          block.number
            ? // The space after the number draws nothing but keeps it apart from the words in the text.
              { runs: [{ text: `${block.number} `, role: 'bold' }], style: { ...n.style, size: style.size } }
            : undefined,
        ),
        leading: style.leading,
        spaceBefore: heading.spaceBefore,
        spaceAfter: heading.spaceAfter,
        keepWithNext: true,
      };
    }
    if (block.type === 'footnote') return footnoteBlock(ctx, parent, block);
    if (block.type === 'item') {
      // The marker stands at the first-line indent (one further per level), the text one indent
      // further, or as far as the list's widest marker needs, every line of it.
      const at = body.firstLineIndent * (block.level + 1);
      const inset = at + (hangs.get(block.list) ?? body.firstLineIndent);
      return {
        rows: rowsOf(
          ctx,
          parent.add('P'),
          block.runs,
          text,
          column(ctx).width - inset,
          block.continued
            ? undefined
            : {
                runs: [{ text: markerOf(block), role: 'regular' }],
                style: markerStyle,
                at,
                element: containers.label(),
              },
          inset,
        ),
        leading: text.leading,
        spaceBefore: 0,
        spaceAfter: body.paragraphSpacing,
      };
    }
    const rows =
      block.type === 'numbered'
        ? rowsOf(
            ctx,
            parent.add('P'),
            block.runs,
            { ...text, firstLineIndent: body.firstLineIndent },
            column(ctx).width,
            {
              runs: [{ text: block.number, role: 'regular' }],
              style: numberStyle('regular').style,
              element: containers.label(),
            },
          )
        : rowsOf(ctx, parent.add('P'), block.runs, { ...text, firstLineIndent: body.firstLineIndent });
    return { rows, leading: text.leading, spaceBefore: 0, spaceAfter: body.paragraphSpacing };
  });
};

/**
 * A footnote at the end of the text, in the footnote size, its number hanging at the column's
 * edge; the first draws the short rule above the notes. In the tree a `Note` with its ID.
 */
const notesSet = new WeakMap<RenderContext, number>();
const footnoteBlock = (
  ctx: RenderContext,
  parent: StructElement,
  block: Extract<Block, { type: 'footnote' }>,
): FlowBlock => {
  const f = ctx.template.footnote;
  const { body } = ctx.template;
  const style = styleOf(ctx, f.size, f.leading, { align: 'start' });
  const inset = body.firstLineIndent;
  // IDs are unique in the document: counted per render, so the same input gives the same bytes.
  const count = (notesSet.get(ctx) ?? 0) + 1;
  notesSet.set(ctx, count);
  const note = parent.add('Note', { id: `text-note-${count}` });
  const rows = rowsOf(
    ctx,
    note,
    block.runs,
    style,
    column(ctx).width - inset,
    {
      runs: [{ text: block.number, role: 'regular' }],
      style,
    },
    inset,
  );
  const first = rows[0];
  if (block.first && first) {
    const { left, width } = column(ctx);
    const boxLeft = ctx.dir === 'rtl' ? ctx.width - left - width : left;
    const ruleLeft = ctx.dir === 'rtl' ? boxLeft + width - f.ruleWidth : boxLeft;
    rows[0] = (page, baseline) => {
      drawRule(
        ctx,
        page,
        ruleLeft,
        ruleLeft + f.ruleWidth,
        baseline - style.leading - f.spaceAbove / 2,
        f.ruleThickness,
      );
      first(page, baseline);
    };
  }
  return {
    rows,
    leading: style.leading,
    spaceBefore: block.first ? f.spaceAbove * 2 : 0,
    spaceAfter: f.size / 3,
    keepTogether: true,
  };
};

/**
 * The signature block: each line set against the end side of the column, kept on one page; in
 * the tree a `Div` of one paragraph per line under `parent`.
 */
export const signatureBlock = (ctx: RenderContext, parent: StructElement, lines: Run[][]): FlowBlock => {
  const { body, signature } = ctx.template;
  const style = styleOf(ctx, body.size, body.leading, { align: 'end' });
  const block = parent.add('Div');
  return {
    rows: lines.flatMap((runs) => rowsOf(ctx, block.add('P'), runs, style)),
    leading: style.leading,
    spaceBefore: signature.spaceBefore,
    spaceAfter: body.paragraphSpacing,
    keepTogether: true,
  };
};

/** A short paragraph of the annex's notes (`[Original: French]`), set against the end side. */
export const noteBlock = (ctx: RenderContext, element: StructElement, text: string): FlowBlock => {
  const note = ctx.template.annex.note;
  const style = styleOf(ctx, note.size, note.leading, { align: 'end' });
  return {
    rows: rowsOf(ctx, element, [{ text }], style),
    leading: style.leading,
    spaceBefore: 0,
    spaceAfter: note.spaceAfter,
  };
};
