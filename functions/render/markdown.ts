/**
 * Markdown bodies to the blocks the UN sets: paragraphs, headings and numbered paragraphs, with
 * `*italic*` and `**bold**` runs. Parsing is marked's lexer; this file only maps its tokens.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { UNSET_MARKDOWN } from '../domain/body-markdown.ts';
import type { FontRole, Run } from '../typeset/types.ts';

/**
 * A footnote call in a block's text: the note's number as written (`1` for `[^1]`) and where its
 * superscript stands, as a UTF-16 offset into the block's runs joined.
 */
export interface Call {
  note: string;
  at: number;
}

export type Block =
  | { type: 'paragraph'; runs: Run[]; calls?: Call[] }
  /** `number` is a leading `1.`/`A.`/`IV.` split off so it can hang in the margin like the UN's. */
  | { type: 'heading'; depth: number; number?: string; runs: Run[]; calls?: Call[] }
  /** A numbered paragraph: `1.` at the column edge, text from the first-line indent. */
  | { type: 'numbered'; number: string; runs: Run[]; calls?: Call[] }
  /**
   * A list item set with a hanging indent, its marker in the margin of its text: a bullet, or the
   * `ordinal`-th letter (0 is `(a)`) of a list numbered inside another list. `level` counts the
   * hanging lists it is in (0: none, its marker at the first-line indent); `list` tells the lists of
   * a body apart, so that the items of one can share their indent. An item's further paragraphs are
   * `continued`: set in line with its text, without a marker.
   */
  | {
      type: 'item';
      list: number;
      level: number;
      ordinal?: number;
      continued?: true;
      runs: Run[];
      calls?: Call[];
    }
  /**
   * A footnote (`[^1]: …` in the Markdown; `note` is its number as written, `number` as printed).
   * Its call in the text is the number set in superscript digits; the renderer sets the note at
   * the foot of the page where its first call stands, and a note nothing calls at the end of the
   * text under a short rule (`first` is the one that draws it).
   */
  | { type: 'footnote'; note: string; number: string; first: boolean; runs: Run[] };

/**
 * A list, one of its items, or a quotation that a block stands in, as the structure tree nests
 * them; `id` tells two of the same kind apart.
 */
export interface Container {
  type: 'L' | 'LI' | 'BlockQuote';
  id: number;
}

/** Blocks with, for each, the containers it stands in from the outermost. */
export interface BodyTree {
  blocks: Block[];
  within: (readonly Container[])[];
}

type Style = { bold: boolean; italic: boolean };

const roleOf = ({ bold, italic }: Style): FontRole =>
  bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';

const pushText = (runs: Run[], text: string, style: Style): void => {
  // A soft line break inside a paragraph is a space; non-breaking spaces are kept as they are.
  const clean = text.replace(/[ \t]*\n[ \t]*/g, ' ');
  if (clean === '') return;
  const role = roleOf(style);
  const last = runs.at(-1);
  if (last && (last.role ?? 'regular') === role) last.text += clean;
  else runs.push({ text: clean, role });
};

const collect = (tokens: readonly Token[], style: Style, runs: Run[]): Run[] => {
  for (const token of tokens) {
    switch (token.type) {
      case 'strong':
        collect((token as Tokens.Strong).tokens, { ...style, bold: true }, runs);
        break;
      case 'em':
        collect((token as Tokens.Em).tokens, { ...style, italic: true }, runs);
        break;
      case 'br': {
        // A line break inside the paragraph (a backslash or two spaces at the end of a line): the
        // line separator, a mandatory break for the line breaker that draws nothing.
        const last = runs.at(-1);
        if (last) last.text += LINE_SEPARATOR;
        break;
      }
      case 'image':
      case 'html':
        // Refused by the schemas; never set as its bare alt text or its tags.
        throw new Error(UNSET_MARKDOWN[token.type]);
      case 'link':
      case 'del':
        collect((token as Tokens.Link | Tokens.Del).tokens, style, runs);
        break;
      default: {
        const nested = (token as { tokens?: Token[] }).tokens;
        if (nested && nested.length > 0) collect(nested, style, runs);
        else {
          const text = (token as { text?: string }).text ?? '';
          pushText(runs, token.type === 'text' ? withCalls(text) : text, style);
        }
      }
    }
  }
  return runs;
};

const LINE_SEPARATOR = '\u2028';

const SUPERSCRIPT = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
/** Superscript digits, where the pinned fonts have each (they lack ⁰: `[10]` then). */
const callText = (number: string): string =>
  number.includes('0') ? `[${number}]` : [...number].map((d) => SUPERSCRIPT[Number(d)] ?? d).join('');

/**
 * `[^1]: text` lines are footnotes; `[^1]` in a text token calls one (an escaped `\[^1\]` comes
 * from the lexer as escape tokens, and stays as written).
 */
const FOOTNOTE_LINE = /^\[\^(\d{1,3})\]:[ \t]+(.*)$/gm;
const FOOTNOTE_CALL = /\[\^(\d{1,3})\]/g;
/** A call stands as `CALL_OPEN number CALL_CLOSE` (private-use marks) until `extractCalls` finds where it is. */
const CALL_OPEN = '\uE000';
const CALL_CLOSE = '\uE001';
const MARKED_CALL = /\uE000(\d{1,3})\uE001/g;
const withCalls = (text: string): string =>
  text.includes('[^')
    ? text.replace(FOOTNOTE_CALL, (_call, number: string) => `${CALL_OPEN}${number}${CALL_CLOSE}`)
    : text;

/** Sets each marked call as its superscript number, noting where in the runs it stands. */
const extractCalls = (runs: Run[]): { runs: Run[]; calls: Call[] } => {
  const calls: Call[] = [];
  let offset = 0;
  const out = runs.map((run) => {
    if (!run.text.includes(CALL_OPEN)) {
      offset += run.text.length;
      return run;
    }
    let text = '';
    let last = 0;
    for (const match of run.text.matchAll(MARKED_CALL)) {
      text += run.text.slice(last, match.index);
      const note = match[1] ?? '';
      calls.push({ note, at: offset + text.length });
      text += callText(note);
      last = match.index + match[0].length;
    }
    text += run.text.slice(last);
    offset += text.length;
    return { ...run, text };
  });
  return { runs: out, calls };
};

const splitFootnotes = (markdown: string): { text: string; notes: { number: string; text: string }[] } => {
  if (!markdown.includes('[^')) return { text: markdown, notes: [] };
  const notes: { number: string; text: string }[] = [];
  const text = markdown.replace(FOOTNOTE_LINE, (_line, number: string, note: string) => {
    notes.push({ number, text: note });
    return '';
  });
  return { text, notes };
};

const trimRuns = (runs: Run[]): Run[] => {
  const first = runs[0];
  if (first) first.text = first.text.trimStart();
  const last = runs.at(-1);
  if (last) last.text = last.text.trimEnd();
  return runs.filter((run) => run.text !== '');
};

/** Inline Markdown (`Antje **Leendertse**`) to styled runs. */
export const inlineRuns = (markdown: string, base: FontRole = 'regular'): Run[] => {
  const style = {
    bold: base === 'bold' || base === 'boldItalic',
    italic: base === 'italic' || base === 'boldItalic',
  };
  return extractCalls(trimRuns(collect(new Lexer().inlineTokens(markdown), style, []))).runs;
};

const NUMBER_PREFIX = /^((?:\d{1,3}|[IVXLC]{1,6}|[A-Z])\.)\s+/;

const splitNumber = (runs: Run[]): { number?: string; runs: Run[] } => {
  const first = runs[0];
  const match = first ? NUMBER_PREFIX.exec(first.text) : null;
  if (!first || !match?.[1]) return { runs };
  return {
    number: match[1],
    runs: trimRuns([{ ...first, text: first.text.slice(match[0].length) }, ...runs.slice(1)]),
  };
};

/** A Markdown body as blocks, in reading order. */
export const parseBody = (markdown: string): Block[] => parseBodyTree(markdown).blocks;

/** A Markdown body as blocks in reading order, with the lists and quotations each is in. */
export const parseBodyTree = (markdown: string): BodyTree => {
  const blocks: Block[] = [];
  const within: (readonly Container[])[] = [];
  let lists = 0;
  let items = 0;
  let quotes = 0;
  let path: readonly Container[] = [];
  const push = (block: Block): void => {
    blocks.push(block);
    within.push(path);
  };
  /** `depth`: lists around `tokens`; `level`: those of them set with a hanging indent. */
  const walk = (tokens: readonly Token[], depth: number, level: number): void => {
    for (const token of tokens) {
      switch (token.type) {
        case 'paragraph':
        case 'text': {
          const t = token as Tokens.Paragraph | Tokens.Text;
          const runs = trimRuns(
            collect(t.tokens ?? [{ type: 'text', raw: t.text, text: t.text }], NO_STYLE, []),
          );
          if (runs.length > 0) push({ type: 'paragraph', runs });
          break;
        }
        case 'heading': {
          const t = token as Tokens.Heading;
          const runs = trimRuns(collect(t.tokens, { bold: true, italic: false }, []));
          push({ type: 'heading', depth: t.depth, ...splitNumber(runs) });
          break;
        }
        case 'list': {
          const list = token as Tokens.List;
          const start = typeof list.start === 'number' ? list.start : 1;
          // A numbered list of the body itself is the UN's numbered paragraphs, number at the column
          // edge; bullets and lists inside lists hang (lettered `(a)`, `(b)` when numbered).
          const numbered = list.ordered && depth === 0;
          const id = lists++;
          const outside = path;
          const listPath = [...outside, { type: 'L' as const, id }];
          list.items.forEach((item, index) => {
            const before = blocks.length;
            path = [...listPath, { type: 'LI', id: items++ }];
            walk(item.tokens, depth + 1, numbered ? level : level + 1);
            path = outside;
            // The item's first paragraph carries its number or bullet; in a hanging list, its further
            // paragraphs line up with its text.
            const first = blocks[before];
            if (first?.type !== 'paragraph') return;
            if (numbered) {
              blocks[before] = { type: 'numbered', number: `${start + index}.`, runs: first.runs };
              return;
            }
            const ordinal = list.ordered ? { ordinal: start - 1 + index } : {};
            blocks[before] = { type: 'item', list: id, level, ...ordinal, runs: first.runs };
            for (let i = before + 1; i < blocks.length; i++) {
              const next = blocks[i];
              if (next?.type === 'paragraph') {
                blocks[i] = { type: 'item', list: id, level, ...ordinal, continued: true, runs: next.runs };
              }
            }
          });
          break;
        }
        case 'table':
        case 'html':
          throw new Error(UNSET_MARKDOWN[token.type]);
        case 'blockquote': {
          const outside = path;
          path = [...outside, { type: 'BlockQuote', id: quotes++ }];
          walk((token as Tokens.Blockquote).tokens, depth, level);
          path = outside;
          break;
        }
        case 'space':
        case 'hr':
          break;
        default: {
          const text = (token as { text?: string }).text;
          if (text) push({ type: 'paragraph', runs: [{ text, role: 'regular' }] });
        }
      }
    }
  };
  const { text, notes } = splitFootnotes(markdown);
  walk(new Lexer().lex(text), 0, 0);
  path = [];
  for (const note of notes) {
    const runs = trimRuns(collect(new Lexer().inlineTokens(note.text), NO_STYLE, []));
    push({ type: 'footnote', note: note.number, number: callText(note.number), first: false, runs });
  }
  const called = new Set<string>();
  const located = blocks.map((block): Block => {
    const { runs, calls } = extractCalls(block.runs);
    if (block.type === 'footnote') return { ...block, runs };
    for (const call of calls) called.add(call.note);
    return calls.length > 0 ? { ...block, runs, calls } : { ...block, runs };
  });
  // A note nothing calls is set at the end of the text; the first of those draws the rule.
  const uncalled = located.findIndex((b) => b.type === 'footnote' && !called.has(b.note));
  const first = located[uncalled];
  if (first?.type === 'footnote') located[uncalled] = { ...first, first: true };
  return { blocks: located, within };
};

const NO_STYLE: Style = { bold: false, italic: false };
