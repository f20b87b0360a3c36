/**
 * The document file: what registration and translation produce and what the renderer takes.
 * Field names are a contract that templates and clients rely on; more fields are allowed, these must not change.
 */
import { z } from 'zod';
import { markdownBody } from './body-markdown.ts';
import { LANGUAGES } from './languages.ts';
import { bodyText, lineText } from './text-policy.ts';
import { typesettable } from './typesettable.ts';

const lang = z.enum(LANGUAGES);
const isoDate = z.iso.date();
/**
 * Typeset text read as Markdown (bodies, and titles and signatures with their emphasis): only
 * characters the pinned fonts can set, and those the text policy allows (text-policy.ts). The
 * limits are a submission's, so a version can say what its submission said.
 */
const line = (max: number) => lineText({ max }).superRefine(typesettable).superRefine(markdownBody);
const body = bodyText({ max: 300_000 }).superRefine(typesettable).superRefine(markdownBody);
const localized = z.partialRecord(lang, lineText({ max: 1_000 }).min(1).superRefine(typesettable));

export const agendaItemSchema = z.object({
  /** Item number as printed: `51`, `17 (c)`. */
  item: z.string().regex(/^\d{1,3}( \([a-z]\))?$/),
  title: localized,
});

export const circulationSchema = z.discriminatedUnion('organ', [
  z.object({
    organ: z.literal('GA'),
    session: z.number().int().min(1).max(150),
    agendaItems: z.array(agendaItemSchema).min(1),
  }),
  z.object({ organ: z.literal('SC'), year: z.number().int().min(1946).max(2095) }),
  z.object({ organ: z.literal('ECOSOC'), year: z.number().int().min(1946).max(2095) }),
]);

export const signatureSchema = z.object({
  /** Markdown-light: `**Surname**` is set in bold, as the UN does. */
  name: line(300).min(1),
  title: z.array(line(500).min(1)).max(5).default([]),
});

export const annexSchema = z.object({
  heading: line(2_000).min(1),
  title: line(2_000).optional(),
  /** Markdown body; absent when the annex is a PDF. */
  body: body.optional(),
  /** Key of a PDF attachment (resolved by the caller: a file path for the CLI, an S3 object in the service). */
  pdf: lineText({ max: 1_024 }).optional(),
  /** Carried untranslated, with the UN's footnote, in the other language versions. */
  languageOfSubmissionOnly: z.boolean().optional(),
  /** Language the annex was submitted in, when it differs from the document's. */
  originalLanguage: lang.optional(),
});

export const versionSchema = z.object({
  title: line(2_000).min(1),
  body,
  signature: signatureSchema.optional(),
  annexes: z.array(annexSchema).max(10).default([]),
  /** Set on fixtures whose text is not the UN's own translation. */
  unofficial: z.boolean().optional(),
});

export const documentSchema = z.object({
  kind: z.enum(['letter', 'note-verbale']),
  symbols: z.array(z.string().min(3)).min(1),
  jobNumber: z.string().regex(/^\d{2}-\d{5}\**$/),
  issued: isoDate,
  /** Date the versions were published (footer stamp); defaults to `issued`. */
  published: isoDate.optional(),
  distribution: z.enum(['general', 'limited', 'restricted']).default('general'),
  originalLanguage: lang,
  circulation: z.array(circulationSchema).min(1),
  versions: z.partialRecord(lang, versionSchema),
});

export type DocumentFile = z.infer<typeof documentSchema>;
export type DocumentInput = z.input<typeof documentSchema>;
export type Circulation = z.infer<typeof circulationSchema>;
export type AgendaItem = z.infer<typeof agendaItemSchema>;
export type Version = z.infer<typeof versionSchema>;
export type Annex = z.infer<typeof annexSchema>;
export type Signature = z.infer<typeof signatureSchema>;
