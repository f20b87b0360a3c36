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
import type { FlowBlock, Foot, FootLine, Row } from './flow.ts';
import type { BodyTree, Call, Container } from './markdown.ts';
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
const rowsOf = (...args: Parameters<typeof setRows>): Row[] => setRows(...args).rows;

/** The rows of a set paragraph, and where each of its lines starts in the paragraph's text. */
const setRows = (
  ctx: RenderContext,
  element: StructElement,
  runs: readonly Run[],
  style: ParagraphStyle,
  width = column(ctx).width,
  marker?: Marker,
  inset = 0,
): { rows: Row[]; starts: number[] } => {
  const left = boxLeft(ctx, column(ctx).left + inset, width);
  const markerX = marker && boxLeft(ctx, column(ctx).left + (marker.at ?? 0), 0);
  const { tags } = ctx;
  const lines = ctx.typesetter.setParagraph(runs, style, width);
  // The marker comes first, so that a heading's own number reads before its words.
  const rows = lines.map(
    (line, i): Row =>
      (page, baseline) => {
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
      },
  );
  return { rows, starts: lines.map((line) => line.start) };
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
  const notes = new Map<string, Footnote>();
  for (const block of blocks)
    if (block.type === 'footnote' && !notes.has(block.note)) notes.set(block.note, block);
  const placed = new Set<string>();
  /**
   * The block of a text's rows, with the notes its calls bring to the foot of the page; each note
   * is a `Note` of the tree right after the element that calls it.
   */
  const withNotes = (
    set: { rows: Row[]; starts: number[] },
    calls: readonly Call[] | undefined,
    parent: StructElement,
    rest: Omit<FlowBlock, 'rows' | 'notes'>,
  ): FlowBlock => {
    const rowNotes: FootLine[][] = set.rows.map(() => []);
    for (const call of calls ?? []) {
      const note = notes.get(call.note);
      if (!note || placed.has(call.note)) continue;
      placed.add(call.note);
      const line = Math.max(
        0,
        set.starts.findLastIndex((start) => start <= call.at),
      );
      rowNotes[line]?.push(...footLines(ctx, parent.add('Note', { id: noteId(ctx) }), note));
    }
    return { rows: set.rows, ...(rowNotes.some((n) => n.length > 0) ? { notes: rowNotes } : {}), ...rest };
  };
  const called = new Set(
    blocks.flatMap((b) => (b.type === 'footnote' ? [] : (b.calls ?? []).map((c) => c.note))),
  );
  return blocks.flatMap((block, index): FlowBlock[] => {
    const parent = containers.enter(within[index] ?? []);
    if (block.type === 'heading') {
      const size = block.depth <= 1 ? ctx.template.title.size : heading.size;
      const leading = block.depth <= 1 ? ctx.template.title.leading : heading.leading;
      const style = styleOf(ctx, size, leading, {
        align: 'start',
        ...(block.number ? { indent: body.firstLineIndent } : {}),
      });
      const n = numberStyle('bold');
      const set = setRows(
        ctx,
        parent.add(headingType(block.depth)),
        block.runs,
        style,
        column(ctx).width,
        block.number
          ? // The space after the number draws nothing but keeps it apart from the words in the text.
            { runs: [{ text: `${block.number} `, role: 'bold' }], style: { ...n.style, size: style.size } }
          : undefined,
      );
      return [
        withNotes(set, block.calls, parent, {
          leading: style.leading,
          spaceBefore: heading.spaceBefore,
          spaceAfter: heading.spaceAfter,
          keepWithNext: true,
        }),
      ];
    }
    if (block.type === 'footnote') return called.has(block.note) ? [] : [footnoteBlock(ctx, parent, block)];
    if (block.type === 'item') {
      // The marker stands at the first-line indent (one further per level), the text one indent
      // further, or as far as the list's widest marker needs, every line of it.
      const at = body.firstLineIndent * (block.level + 1);
      const inset = at + (hangs.get(block.list) ?? body.firstLineIndent);
      const set = setRows(
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
      );
      return [
        withNotes(set, block.calls, parent, {
          leading: text.leading,
          spaceBefore: 0,
          spaceAfter: body.paragraphSpacing,
        }),
      ];
    }
    const set =
      block.type === 'numbered'
        ? setRows(
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
        : setRows(ctx, parent.add('P'), block.runs, { ...text, firstLineIndent: body.firstLineIndent });
    return [
      withNotes(set, block.calls, parent, {
        leading: text.leading,
        spaceBefore: 0,
        spaceAfter: body.paragraphSpacing,
      }),
    ];
  });
};

type Footnote = Extract<Block, { type: 'footnote' }>;

/** Note IDs are unique in the document: counted per render, so the same input gives the same bytes. */
const notesSet = new WeakMap<RenderContext['tags'], number>();
const noteId = (ctx: RenderContext): string => {
  const count = (notesSet.get(ctx.tags) ?? 0) + 1;
  notesSet.set(ctx.tags, count);
  return `text-note-${count}`;
};

/**
 * A note's lines for the foot of the page, in the footnote size: its number at the column's start
 * edge, its text from the first-line indent, as the UN prints notes.
 */
const noteRows = (
  ctx: RenderContext,
  note: StructElement,
  block: Footnote,
): { rows: Row[]; leading: number } => {
  const f = ctx.template.footnote;
  const style = styleOf(ctx, f.size, f.leading, { align: 'start' });
  const inset = ctx.template.body.firstLineIndent;
  const rows = rowsOf(
    ctx,
    note,
    block.runs,
    style,
    column(ctx).width - inset,
    { runs: [{ text: block.number, role: 'regular' }], style },
    inset,
  );
  return { rows, leading: style.leading };
};

const footLines = (ctx: RenderContext, note: StructElement, block: Footnote): FootLine[] => {
  const { rows, leading } = noteRows(ctx, note, block);
  return rows.map((row) => ({ row, leading }));
};

/** The start (the right in Arabic) of the text column, in page coordinates. */
const ruleLeftOf = (ctx: RenderContext): number => {
  const { left, width } = column(ctx);
  const boxLeft = ctx.dir === 'rtl' ? ctx.width - left - width : left;
  return ctx.dir === 'rtl' ? boxLeft + width - ctx.template.footnote.ruleWidth : boxLeft;
};

/** The foot of the body's pages: the notes under a short rule at the start side of the column. */
export const footOf = (ctx: RenderContext): Foot => {
  const f = ctx.template.footnote;
  const ruleLeft = ruleLeftOf(ctx);
  return {
    space: f.spaceAbove * 2,
    rule: (page, top) => drawRule(ctx, page, ruleLeft, ruleLeft + f.ruleWidth, top, f.ruleThickness),
  };
};

/**
 * A footnote that nothing in the text calls, set at the end of the text; the first draws the
 * short rule above those notes. In the tree a `Note` with its ID.
 */
const footnoteBlock = (ctx: RenderContext, parent: StructElement, block: Footnote): FlowBlock => {
  const f = ctx.template.footnote;
  const { rows, leading } = noteRows(ctx, parent.add('Note', { id: noteId(ctx) }), block);
  const first = rows[0];
  if (block.first && first) {
    const ruleLeft = ruleLeftOf(ctx);
    rows[0] = (page, baseline) => {
      drawRule(
        ctx,
        page,
        ruleLeft,
        ruleLeft + f.ruleWidth,
        baseline - leading - f.spaceAbove / 2,
        f.ruleThickness,
      );
      first(page, baseline);
    };
  }
  return {
    rows,
    leading,
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
