/**
 * What a mission submits, `POST /v1/submissions`: a letter or note verbale,
 * its addressees, the organs it is to be circulated to, its text and annexes. Field names are a
 * contract. The schema stays plain zod (refinements only) so the OpenAPI document can be generated
 * with `z.toJSONSchema(submissionSchema, { io: 'input' })`.
 */
import { z } from 'zod';
import { agendaItemNumberSchema } from './agenda.ts';
import { markdownBody } from './body-markdown.ts';
import { type FieldProblem, fieldProblems } from './field-problems.ts';
import { LANGUAGES } from './languages.ts';
import { STATE_CODES } from './member-states.ts';
import { bodyText, lineText } from './text-policy.ts';
import { typesettable } from './typesettable.ts';

/** In the UN's editorial order: SG, PGA, then the presidents of the councils. The parse output follows it. */
export const ADDRESSEES = [
  'secretary-general',
  'president-general-assembly',
  'president-security-council',
  'president-economic-and-social-council',
] as const;
export type Addressee = (typeof ADDRESSEES)[number];

export const ORGANS = ['GA', 'SC', 'ECOSOC'] as const;

/** Editorial Manual limit for documents not originating in the Secretariat (the UN Editorial Manual). */
export const MAX_WORDS = 10_700;
export const MAX_ANNEXES = 10;
/** Inline PDFs are for small files; larger ones go through the attachment upload. */
export const MAX_INLINE_PDF_BYTES = 1024 * 1024;

const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const LETTER_OR_DIGIT_RE = /[\p{L}\p{N}]/u;

/**
 * Words as the length limit counts them. Elsewhere a word is a whitespace-separated run holding a
 * letter or digit (so Markdown marks such as `##` or `**` do not count). Chinese is written without
 * spaces: each CJK character counts as half a word, since an English word takes about 1.5–2 Chinese
 * characters, which keeps the limit comparable across the six languages.
 */
export function countWords(text: string): number {
  let cjk = 0;
  const rest = text.replace(CJK_RE, () => {
    cjk++;
    return ' ';
  });
  const words = rest.split(/\s+/).filter((token) => LETTER_OR_DIGIT_RE.test(token)).length;
  return words + Math.ceil(cjk / 2);
}

/** Decoded size of base64 text without decoding it. */
const base64Bytes = (text: string): number =>
  Math.floor((text.length * 3) / 4) - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);

// Guard rails against absurd payloads; the word limit is the real bound on text.
// Every text of a submission is typeset, and read as Markdown (titles and names for their emphasis);
// titles and names are line text, bodies body text (text-policy.ts).
const typesetMarkdown = (field: z.ZodString) =>
  field.regex(/\S/, { error: 'must not be empty' }).superRefine(typesettable).superRefine(markdownBody);
const text = (max: number) => typesetMarkdown(lineText({ max }));
const markdown = typesetMarkdown(bodyText({ max: 300_000 }));
const MAX_BASE64_CHARS = Math.ceil(MAX_INLINE_PDF_BYTES / 3) * 4;
/** Base64 of `%PDF-`, the start of every PDF file. */
const PDF_MAGIC_BASE64 = 'JVBERi0';

const state = z.enum(STATE_CODES, {
  error: 'must be the ISO 3166-1 alpha-3 code of a UN Member State or observer State (e.g. "DEU")',
});

const notForNoteVerbale = (what: string) =>
  z.never({ error: `a note verbale is not signed: remove the ${what}` }).optional();

const yearFromIssueDate = (organ: string) =>
  z.never({ error: `${organ} documents take the year of the issue date: remove this field` }).optional();

const circulationSchema = z.discriminatedUnion(
  'organ',
  [
    z.strictObject({
      organ: z.literal('GA'),
      session: z.int({ error: 'the GA session is a whole number from 1 to 150' }).min(1).max(150),
      agendaItems: z
        .array(agendaItemNumberSchema, {
          error: 'GA documents are issued under agenda items: give at least one, as in ["51"]',
        })
        .min(1, { error: 'GA documents are issued under agenda items: give at least one, as in ["51"]' })
        .max(20)
        .superRefine((items, ctx) => {
          items.forEach((item, index) => {
            if (items.indexOf(item) !== index) {
              ctx.addIssue({ code: 'custom', path: [index], message: `agenda item ${item} appears twice` });
            }
          });
        }),
    }),
    z.strictObject({
      organ: z.literal('SC'),
      session: yearFromIssueDate('SC'),
      year: yearFromIssueDate('SC'),
    }),
    z.strictObject({
      organ: z.literal('ECOSOC'),
      session: yearFromIssueDate('ECOSOC'),
      year: yearFromIssueDate('ECOSOC'),
    }),
  ],
  { error: 'organ is "GA", "SC" or "ECOSOC"' },
);

const annexSchema = z
  .strictObject({
    heading: text(2_000),
    title: text(2_000).optional(),
    /** Markdown text of the annex. */
    body: markdown.optional(),
    /** Id of an uploaded PDF attachment. */
    attachment: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,128}$/, { error: 'an attachment id is 1–128 letters, digits, "-" or "_"' })
      .optional(),
    /** A small PDF inline, base64-encoded. */
    pdfBase64: z
      .base64({ error: 'must be base64' })
      .max(MAX_BASE64_CHARS, { error: `an inline PDF is at most ${MAX_INLINE_PDF_BYTES} bytes` })
      .optional(),
    /** Circulated untranslated in the other language versions. */
    languageOfSubmissionOnly: z.boolean().optional(),
  })
  .superRefine((annex, ctx) => {
    const contents = (['body', 'attachment', 'pdfBase64'] as const).filter((key) => annex[key] !== undefined);
    if (contents.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [contents[1] ?? 'body'],
        message: 'an annex has exactly one of body (text), attachment or pdfBase64',
      });
    }
    const pdf = annex.pdfBase64;
    // Malformed base64 has already been reported by the field itself.
    if (pdf !== undefined && z.base64().safeParse(pdf).success) {
      if (base64Bytes(pdf) > MAX_INLINE_PDF_BYTES) {
        ctx.addIssue({
          code: 'custom',
          path: ['pdfBase64'],
          message: `an inline PDF is at most ${MAX_INLINE_PDF_BYTES} bytes`,
        });
      } else if (!pdf.startsWith(PDF_MAGIC_BASE64)) {
        ctx.addIssue({ code: 'custom', path: ['pdfBase64'], message: 'this is not a PDF file' });
      }
    }
  });

const common = {
  date: z.iso.date({ error: 'must be an ISO date, as in "2025-05-30"' }),
  language: z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(', ')}` }),
  addressees: z
    .array(z.enum(ADDRESSEES, { error: `must be one of ${ADDRESSEES.join(', ')}` }), {
      error: 'give at least one addressee',
    })
    .min(1, { error: 'give at least one addressee' })
    .max(ADDRESSEES.length, { error: `each addressee once: at most ${ADDRESSEES.length}` })
    .superRefine((addressees, ctx) => {
      addressees.forEach((addressee, index) => {
        if (addressees.indexOf(addressee) !== index) {
          ctx.addIssue({ code: 'custom', path: [index], message: `${addressee} appears twice` });
        }
      });
    })
    .overwrite((addressees) => [...addressees].sort((a, b) => ADDRESSEES.indexOf(a) - ADDRESSEES.indexOf(b))),
  circulation: z
    .array(circulationSchema, { error: 'give at least one organ to circulate to' })
    .min(1, { error: 'give at least one organ to circulate to' })
    .max(ORGANS.length, { error: `each organ once: at most ${ORGANS.length}` })
    .superRefine((entries, ctx) => {
      entries.forEach(({ organ }, index) => {
        if (entries.findIndex((e) => e.organ === organ) !== index) {
          ctx.addIssue({ code: 'custom', path: [index, 'organ'], message: `${organ} appears twice` });
        }
      });
    })
    // GA first, as the symbols and the masthead columns are.
    .overwrite((entries) => [...entries].sort((a, b) => ORGANS.indexOf(a.organ) - ORGANS.indexOf(b.organ))),
  title: text(2_000),
  body: markdown,
  annexes: z
    .array(annexSchema)
    .max(MAX_ANNEXES, { error: `at most ${MAX_ANNEXES} annexes` })
    .optional(),
};

export const letterSchema = z.strictObject({
  kind: z.literal('letter'),
  from: z.strictObject({
    state,
    /** Markdown-light: `Antje **Leendertse**`, surname in bold as the UN prints it. */
    signatory: text(300),
    title: z.array(text(500)).max(5).optional(),
  }),
  ...common,
});

export const noteVerbaleSchema = z.strictObject({
  kind: z.literal('note-verbale'),
  from: z.strictObject({
    state,
    signatory: notForNoteVerbale('signatory'),
    title: notForNoteVerbale('title'),
  }),
  ...common,
});

export const submissionSchema = z
  .discriminatedUnion('kind', [letterSchema, noteVerbaleSchema], {
    error: 'kind is "letter" or "note-verbale"',
  })
  .superRefine((submission, ctx) => {
    const texts = [
      submission.title,
      submission.body,
      ...(submission.annexes ?? []).flatMap((a) => [a.heading, a.title ?? '', a.body ?? '']),
    ];
    const words = texts.reduce((sum, t) => sum + countWords(t), 0);
    if (words > MAX_WORDS) {
      ctx.addIssue({
        code: 'custom',
        path: ['body'],
        message: `the text is ${words} words; title, body and annexes together may have at most ${MAX_WORDS}`,
      });
    }
  });

export type Submission = z.infer<typeof submissionSchema>;
export type SubmissionInput = z.input<typeof submissionSchema>;

export { type FieldProblem as Problem, fieldProblems } from './field-problems.ts';

/** A letter dated today anywhere on Earth is not in the future: compare with the date at UTC+14. */
const latestToday = (now: Date): string =>
  new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);

export type SubmissionResult = { ok: true; value: Submission } | { ok: false; problems: FieldProblem[] };

export function parseSubmission(input: unknown, { now }: { now: Date }): SubmissionResult {
  const parsed = submissionSchema.safeParse(input);
  const problems = parsed.success ? [] : fieldProblems(parsed.error.issues);
  const date = typeof input === 'object' && input !== null ? (input as { date?: unknown }).date : undefined;
  if (typeof date === 'string' && z.iso.date().safeParse(date).success && date > latestToday(now)) {
    problems.push({ field: '/date', message: `the letter is dated ${date}, after today` });
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, value: parsed.data };
}
