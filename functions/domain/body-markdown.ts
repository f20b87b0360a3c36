/**
 * The Markdown a body may use. The renderer sets paragraphs, headings, lists, quotations and
 * emphasis (functions/render/markdown.ts); a table or an image has no place in a UN letter's text
 * column and would be lost, and HTML would print as its tags, so a body holding one is refused
 * where it comes in, with the way out: a table or an image travels as a PDF annex, which is
 * appended as it is.
 */
import { Lexer, type Token } from 'marked';
import type { z } from 'zod';

export const UNSET_MARKDOWN = {
  table: 'a Markdown table cannot be set in the text: send the table as a PDF annex',
  image: 'an image cannot be set in the text: send it as a PDF annex',
  html: 'HTML cannot be set: write **bold** and *italic* in Markdown, and \\< for a "<" of the text',
} as const;

export type UnsetConstruct = keyof typeof UNSET_MARKDOWN;

const isUnset = (type: string): type is UnsetConstruct => Object.hasOwn(UNSET_MARKDOWN, type);

/** The constructs of a Markdown body that Distr does not set, each once. */
export const unsetMarkdown = (markdown: string): UnsetConstruct[] => {
  // Each needs a character most letters never use: spare the lexer the rest.
  if (!/[|<]|!\[/.test(markdown)) return [];
  const found = new Set<UnsetConstruct>();
  const walk = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      if (isUnset(token.type)) found.add(token.type);
      const nested = token as { tokens?: Token[]; items?: Token[] };
      if (nested.tokens) walk(nested.tokens);
      if (nested.items) walk(nested.items);
    }
  };
  walk(new Lexer().lex(markdown));
  return [...found];
};

/** A zod refinement for Markdown bodies: `z.string().superRefine(markdownBody)`. */
export const markdownBody = (markdown: string, ctx: z.RefinementCtx): void => {
  for (const construct of unsetMarkdown(markdown)) {
    ctx.addIssue({ code: 'custom', message: UNSET_MARKDOWN[construct] });
  }
};
