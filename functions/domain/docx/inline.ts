/**
 * Inline text of a converted paragraph, as runs, and its Markdown: emphasis as `**bold**` and
 * `*italic*`, footnote references as `[^1]`, line breaks as a backslash at the end of the line,
 * and every character Markdown would read as a mark escaped. The Markdown is read back with the
 * lexer the renderer uses and compared with the runs, so what is stored says what the file said.
 */
import { Lexer, type Token } from 'marked';

export type Inline =
  | { kind: 'text'; text: string; bold: boolean; italic: boolean }
  | { kind: 'break' }
  | { kind: 'note'; number: number };

const ESCAPED = /[\\`*_[\]<>|~]/g;
const ENTITY = /&(?=#?[A-Za-z0-9]+;)/g;

const escapeText = (text: string): string => text.replace(ESCAPED, '\\$&').replace(ENTITY, '\\&');

/** What a line may not start with unescaped: headings, quotations, list markers, setext rules. */
const escapeLineStart = (line: string): string =>
  line.replace(/^([#>+=-])/, '\\$1').replace(/^(\d{1,9})([.)])/, '$1\\$2');

const mark = (bold: boolean, italic: boolean) => (bold ? '**' : '') + (italic ? '*' : '');

/** Merges neighbours of one style and trims the paragraph's ends. */
export function normalise(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    const last = out.at(-1);
    if (inline.kind === 'text') {
      const text = inline.text.replace(/\t/g, ' ').replace(/\u00AD/g, '');
      if (text === '') continue;
      if (last?.kind === 'text' && last.bold === inline.bold && last.italic === inline.italic) {
        last.text += text;
        continue;
      }
      out.push({ ...inline, text });
    } else out.push({ ...inline });
  }
  const first = out[0];
  if (first?.kind === 'text') first.text = first.text.trimStart();
  const end = out.at(-1);
  if (end?.kind === 'text') end.text = end.text.trimEnd();
  while (out.at(-1)?.kind === 'break') out.pop();
  while (out[0]?.kind === 'break') out.shift();
  return out.filter((inline) => inline.kind !== 'text' || inline.text !== '');
}

export const plainText = (inlines: readonly Inline[]): string =>
  inlines.map((i) => (i.kind === 'text' ? i.text : i.kind === 'break' ? ' ' : '')).join('');

/** Markdown of one paragraph's runs; each line after a break starts with `indent`. */
export function inlineMarkdown(inlines: readonly Inline[], indent = ''): string {
  let out = '';
  let lineStart = true;
  for (const inline of inlines) {
    if (inline.kind === 'break') {
      out += `\\\n${indent}`;
      lineStart = true;
      continue;
    }
    if (inline.kind === 'note') {
      out += `[^${inline.number}]`;
      lineStart = false;
      continue;
    }
    // Emphasis must hug its text: spaces at its edges go outside the marks.
    const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(inline.text) ?? [];
    let text = escapeText(core);
    if (lineStart && lead === '') text = escapeLineStart(text);
    const m = mark(inline.bold, inline.italic);
    out += core === '' ? lead + trail : `${lead}${m}${text}${[...m].reverse().join('')}${trail}`;
    lineStart = false;
  }
  return out;
}

/** The runs the renderer's lexer reads back from inline Markdown. */
function readBack(markdown: string): Inline[] {
  const out: Inline[] = [];
  const walk = (tokens: readonly Token[], bold: boolean, italic: boolean): void => {
    for (const token of tokens) {
      if (token.type === 'strong') walk(token.tokens ?? [], true, italic);
      else if (token.type === 'em') walk(token.tokens ?? [], bold, true);
      else if (token.type === 'br') out.push({ kind: 'break' });
      else if ('tokens' in token && token.tokens && token.tokens.length > 0) walk(token.tokens, bold, italic);
      else out.push({ kind: 'text', text: String((token as { text?: string }).text ?? ''), bold, italic });
    }
  };
  walk(new Lexer().inlineTokens(markdown), false, false);
  return out;
}

/** Text and emphasis, character by character; spaces count once and carry no emphasis. */
const signature = (inlines: readonly Inline[]): string => {
  let out = '';
  for (const inline of inlines) {
    if (inline.kind === 'break') out += '|';
    else if (inline.kind === 'note') out += ` [^${inline.number}]`;
    else {
      for (const char of inline.text) {
        if (/\s/.test(char)) {
          if (!out.endsWith(' ')) out += ' ';
        } else out += `${inline.bold ? 'B' : ''}${inline.italic ? 'I' : ''}${char}`;
      }
    }
  }
  return out.replace(/ ?\[\^/g, '[^').trim();
};

/** Whether the Markdown reads back as these runs (same text, same emphasis, same breaks). */
export const readsBackAs = (markdown: string, inlines: readonly Inline[]): boolean =>
  signature(readBack(markdown.replace(/\n\s*/g, '\n'))) === signature(inlines);
