/**
 * Page geometry and layout of a document kind, read from `templates/<kind>.json` and validated here.
 * Every length is in points; `baseline`/`top` are measured down from the top edge of the page and
 * `…FromBottom` up from the bottom edge, so the same template fits US Letter and A4.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { Lang } from '../domain/languages.ts';
import { templatesDir } from '../templates-dir.ts';

const pt = z.number().nonnegative();
const size = z.number().positive().max(100);
const length = z.number().positive().max(2000);
const rule = z.strictObject({ top: pt, thickness: z.number().positive().max(5) });
const textBlock = z.strictObject({ size, leading: size, spaceAfter: pt });

export const templateSchema = z.strictObject({
  kind: z.enum(['letter', 'note-verbale']),
  paper: z.strictObject({
    letter: z.strictObject({ width: length, height: length }),
    a4: z.strictObject({ width: length, height: length }),
  }),
  /** Outer frame of rules, running headers and footers, from the left and right page edges. */
  frame: z.strictObject({ left: pt, right: pt }),
  /** Text column of title, body, signature and annexes, from the left page edge (mirrored in RTL). */
  column: z.strictObject({ left: pt, width: length }),
  content: z.strictObject({
    /** First baseline of the text on continuation pages. */
    firstBaseline: pt,
    lastBaselineFromBottom: pt,
    /** Page 1 keeps clear of the job line, barcode and QR code. */
    firstPageLastBaselineFromBottom: pt,
  }),
  masthead: z.strictObject({
    unitedNations: z.strictObject({ size, baseline: pt }),
    symbols: z.strictObject({ size, organLetterSize: size, baseline: pt }),
    topRule: rule,
    organs: z.strictObject({ x: pt, size, baseline: pt, leading: size }),
    status: z.strictObject({ x: pt, size, baseline: pt, leading: size }),
    bottomRule: rule,
    circulation: z.strictObject({
      baseline: pt,
      size,
      leading: size,
      columns: z.array(pt).min(1),
      columnWidth: length,
    }),
  }),
  title: z.strictObject({ size, leading: size, spaceBefore: pt, spaceAfter: pt, rightIndent: pt }),
  body: z.strictObject({ size, leading: size, paragraphSpacing: pt, firstLineIndent: pt }),
  heading: z.strictObject({ size, leading: size, spaceBefore: pt, spaceAfter: pt }),
  /** Bullets of list items, by nesting level (the last serves deeper levels). */
  list: z.strictObject({ bullets: z.array(z.string().min(1)).min(1) }),
  signature: z.strictObject({ spaceBefore: pt }),
  annex: z.strictObject({ heading: textBlock, title: textBlock, note: textBlock }),
  footnote: z.strictObject({
    size,
    leading: size,
    ruleWidth: pt,
    ruleThickness: z.number().positive(),
    spaceAbove: pt,
  }),
  runningHeader: z.strictObject({ size, baseline: pt, leading: size, rule }),
  runningFooter: z.strictObject({ baselineFromBottom: pt, pageNumberSize: size, jobNumberSize: size }),
  firstPageFooter: z.strictObject({
    jobLine: z.strictObject({ x: pt, baselineFromBottom: pt, size, stampGap: pt }),
    barcode: z.strictObject({ x: pt, bottomFromBottom: pt, height: size, width: length }),
    qr: z.strictObject({ size: length, rightFromEdge: pt, bottomFromBottom: pt }),
    recycle: z.strictObject({ size, rightFromEdge: pt, baselineFromBottom: pt }),
  }),
  /** Arabic and Chinese are set larger and looser than the Latin and Cyrillic scripts. */
  languages: z.partialRecord(
    z.enum(['ar', 'zh', 'en', 'fr', 'ru', 'es']),
    z.strictObject({ sizeScale: z.number().min(0.5).max(2), leadingScale: z.number().min(0.5).max(2) }),
  ),
});

export type Template = z.infer<typeof templateSchema>;
export type Paper = keyof Template['paper'];
export type DocumentKind = Template['kind'];

type Json = { [key: string]: unknown };
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Objects merge key by key; arrays and scalars of the child replace the parent's. */
const merge = (base: Json, over: Json): Json => {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prior = out[key];
    out[key] = isObject(prior) && isObject(value) ? merge(prior, value) : value;
  }
  return out;
};

/** Reads a template, following `extends` to its parent. Throws a zod error naming the bad field. */
export const readTemplate = (
  kind: string,
  dir: URL = pathToFileURL(`${templatesDir()}/`),
  seen: string[] = [],
): Json => {
  if (!/^[a-z][a-z-]*$/.test(kind)) throw new Error(`Template name "${kind}" is not a plain name`);
  if (seen.includes(kind))
    throw new Error(`Template "${kind}" extends itself (${[...seen, kind].join(' → ')})`);
  const raw: unknown = JSON.parse(readFileSync(new URL(`${kind}.json`, dir), 'utf8'));
  if (!isObject(raw)) throw new Error(`Template "${kind}" is not a JSON object`);
  const { extends: parent, ...own } = raw;
  if (parent === undefined) return own;
  if (typeof parent !== 'string') throw new Error(`Template "${kind}": "extends" must be a template name`);
  return merge(readTemplate(parent, dir, [...seen, kind]), own);
};

const cache = new Map<string, Template>();

/** The validated template of a document kind, from `templatesDir()`; read from disk once per process. */
export const loadTemplate = (kind: DocumentKind): Template => {
  let template = cache.get(kind);
  if (!template) {
    template = templateSchema.parse(readTemplate(kind));
    if (template.kind !== kind)
      throw new Error(`Template file ${kind}.json declares kind "${template.kind}"`);
    cache.set(kind, template);
  }
  return template;
};

/** Size and leading multipliers of a language. */
export const scaleOf = (template: Template, lang: Lang): { size: number; leading: number } => {
  const entry = template.languages[lang];
  return { size: entry?.sizeScale ?? 1, leading: entry?.leadingScale ?? 1 };
};
