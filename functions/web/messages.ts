/**
 * The web pages' own wording, one file per language in `templates/web/messages/<lang>.json`; what
 * documents themselves print (organs, sessions, agenda lines, dates) comes from the masthead strings
 * (domain/strings.ts), so a page and a PDF never word them differently. Every file must hold every
 * key (the schema is strict and the loader refuses an incomplete file).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LANGUAGES, type Lang } from '../domain/languages.ts';
import { templatesDir } from '../templates-dir.ts';
import { WEB_SEARCH_FIELDS } from './constants.ts';

const text = z.string().min(1);
const pattern = (...names: string[]) =>
  names.reduce((schema, name) => schema.includes(`{${name}}`), z.string().min(1));
const group = <K extends string>(keys: readonly K[]) =>
  z.strictObject(Object.fromEntries(keys.map((key) => [key, text])) as Record<K, typeof text>);

export const messagesSchema = z.strictObject({
  /** The language's name in itself, as the language bar shows it. */
  autonym: text,
  siteName: text,
  skipLink: text,
  languagesLabel: text,
  mainNav: text,
  home: text,
  searchLink: text,
  homeIntro: text,
  latest: text,
  noneYet: text,
  /** `Symbol: A/79/923` (French puts a space before the colon, Chinese a full-width colon). */
  labelValue: pattern('label', 'value'),
  listSeparator: z.string().min(1),
  form: group([
    'heading',
    'symbol',
    'symbolHint',
    'organ',
    'anyOrgan',
    'session',
    'sessionHint',
    'year',
    'agendaItem',
    'agendaItemHint',
    'from',
    'to',
    'dateHint',
    'job',
    'jobHint',
    'words',
    'wordsHint',
    'wordsLang',
    'anyLanguage',
    'sort',
    'sortDate',
    'sortSymbol',
    'submit',
    'reset',
  ] as const),
  invalid: group(['heading', ...WEB_SEARCH_FIELDS, 'cursor'] as const),
  results: z.strictObject({
    heading: text,
    searched: pattern('criteria'),
    all: text,
    none: pattern('criteria'),
    next: text,
    first: text,
    feed: text,
    distributed: text,
    pdfs: text,
    /** After a language link: `(PDF, 35 KB)`; Arabic and Chinese punctuate their own way. */
    pdfSize: pattern('size'),
  }),
  document: z.strictObject({
    symbols: text,
    titles: text,
    circulation: text,
    jobNumber: text,
    letterDate: text,
    issued: text,
    distributed: text,
    distribution: text,
    files: text,
    size: pattern('size'),
    pages: pattern('pages'),
    noTitle: text,
    related: text,
    original: text,
    followups: text,
    agendaFeed: pattern('agenda'),
  }),
  distribution: group(['general', 'limited', 'restricted'] as const),
  notFound: group(['title', 'text'] as const),
  error: group(['title', 'text'] as const),
  signIn: group([
    'link',
    'heading',
    'intro',
    'token',
    'tokenHint',
    'submit',
    'missing',
    'invalid',
    'signedOut',
  ] as const).extend({ tooMany: pattern('seconds') }),
  account: group(['nav', 'signOut', 'portal', 'console'] as const),
  forbidden: group(['title', 'text', 'crossOrigin'] as const),
  portal: group([
    'heading',
    'none',
    'filter',
    'anyStatus',
    'apply',
    'badFilter',
    'submitted',
    'status',
    'title',
    'next',
    'first',
    'back',
    'timeline',
    'symbols',
    'jobNumber',
    'pdfs',
    'reason',
  ] as const).extend({ intro: pattern('state'), by: pattern('role') }),
  status: group(['received', 'registered', 'distributed', 'rejected'] as const),
  role: group(['officer', 'mission', 'subscriber'] as const),
  console: group(['heading', 'intro', 'none', 'state'] as const),
  footer: text,
  /** The mission's new-submission form, its preview and its problems (one message per kind of field). */
  submit: group([
    'link',
    'heading',
    'intro',
    'kind',
    'kindHint',
    'letter',
    'noteVerbale',
    'addressees',
    'addresseesHint',
    'secretaryGeneral',
    'presidentGeneralAssembly',
    'presidentSecurityCouncil',
    'presidentEconomicAndSocialCouncil',
    'organs',
    'organsHint',
    'session',
    'sessionHint',
    'showItems',
    'agendaItems',
    'agendaItemsHint',
    'noSession',
    'date',
    'dateHint',
    'language',
    'languageHint',
    'title',
    'titleHint',
    'body',
    'bodyHint',
    'signature',
    'signatory',
    'signatoryHint',
    'signatureTitle',
    'signatureTitleHint',
    'annexes',
    'annexesHint',
    'annexHeading',
    'annexHeadingHint',
    'annexTitle',
    'annexText',
    'annexFile',
    'annexFileHint',
    'uploaded',
    'send',
    'preview',
    'previewFrame',
    'previewHint',
    'errorsHeading',
    'previewErrors',
    'alreadySent',
    'inProgress',
    'versions',
  ] as const).extend({
    noAgenda: pattern('session'),
    textAnnex: pattern('number'),
    pdfAnnex: pattern('number'),
    words: pattern('max'),
    pdfTooLarge: pattern('size'),
    problems: group([
      'required',
      'kind',
      'addressee',
      'organ',
      'session',
      'agendaItem',
      'agendaItemMissing',
      'date',
      'dateFuture',
      'language',
      'title',
      'body',
      'signatory',
      'signatureTitle',
      'heading',
      'annexTitle',
      'annexText',
      'file',
      'other',
      'tooLarge',
    ] as const),
  }),
});
export type Messages = z.infer<typeof messagesSchema>;

export const messagesFile = (lang: Lang) => join(templatesDir(), 'web', 'messages', `${lang}.json`);

/** One language's messages, checked; the error names the file and each missing or extra key. */
export function loadMessages(lang: Lang): Messages {
  const file = messagesFile(lang);
  const parsed = messagesSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new Error(`${file} is not a complete message file: ${problems.join('; ')}`);
  }
  return parsed.data;
}

let cache: Record<Lang, Messages> | undefined;

/** The messages of `lang`, all six loaded (and checked) on first use. */
export function messages(lang: Lang): Messages {
  cache ??= Object.fromEntries(LANGUAGES.map((l) => [l, loadMessages(l)])) as Record<Lang, Messages>;
  return cache[lang];
}
