/**
 * Every language-dependent string a document prints outside its body: the first-page masthead,
 * the signature block, annex notes and the footer. The renderer prints these and nothing else.
 */
import { dateStamp, formatDate } from './dates.ts';
import type { Annex, Circulation, DocumentFile, Signature } from './document.ts';
import { LANGUAGE_LETTER, type Lang } from './languages.ts';
import { capitalizeFirst, ordinal } from './ordinals.ts';
import { fill, strings } from './strings.ts';

/** SC and ECOSOC count years from 1945: 2025 is their eightieth year. */
export const FIRST_YEAR = 1945;

export interface MastheadBlock {
  /** Organ name heading the column (bold). */
  organ: string;
  /** `Seventy-ninth session` or `Eightieth year`. */
  period: string;
  /** GA only: `Agenda item 51` and the items' titles in this language. */
  agenda?: { line: string; titles: string[] };
}

export interface MastheadText {
  unitedNations: string;
  /** Symbols as printed at the top right: `A/79/923-S/2025/341`. */
  symbols: string;
  /** The large bold organ names, GA first. */
  organs: string[];
  /** The two-column session block, same order as `organs`. */
  blocks: MastheadBlock[];
  distribution: string;
  date: string;
  /** Name of this version's language; absent in the original-language version. */
  versionLanguage?: string;
  original: string;
}

export interface AnnexNotes {
  /** `[Original: French]` under the annex heading, when the annex was submitted in another language. */
  original?: string;
  /** Footnote text for an annex circulated untranslated (the renderer adds the mark). */
  footnote?: string;
}

export interface FooterText {
  /** `25-08590 (F)` */
  job: string;
  /** `DDMMYY` stamps: one in the original-language version, two in translations. */
  stamps: string[];
}

/** `Seventy-ninth session`, capitalized as on the masthead. */
export function sessionLine(session: number, lang: Lang): string {
  return periodText(session, lang, 'session');
}

/** `Eightieth year` for calendar year 2025. */
export function yearLine(calendarYear: number, lang: Lang): string {
  return periodText(calendarYear - FIRST_YEAR, lang, 'year');
}

function periodText(n: number, lang: Lang, kind: 'session' | 'year'): string {
  const { pattern, gender } = strings(lang)[kind];
  const beforeNoun = pattern.startsWith('{ordinal}');
  return capitalizeFirst(fill(pattern, { ordinal: ordinal(n, lang, { gender, beforeNoun }) }), lang);
}

/** `17 (c)` as printed in `lang`: `17 c)`, `17(c)`, `17 (ج)`. */
export function agendaItemNumber(item: string, lang: Lang): string {
  const match = /^(\d{1,3})(?: \(([a-z])\))?$/.exec(item);
  if (!match) throw new Error(`Not an agenda item number: ${item}`);
  const [, number = '', letter] = match;
  if (letter === undefined) return number;
  const agenda = strings(lang).agenda;
  return fill(agenda.subItem, { number, letter: agenda.subItemLetters?.[letter] ?? letter });
}

/** `Agenda item 51`, `Agenda items 132 and 17 (c)`, `Agenda items 12, 13 and 15`. */
export function agendaLine(items: readonly string[], lang: Lang): string {
  const agenda = strings(lang).agenda;
  const printed = items.map((item) => agendaItemNumber(item, lang));
  const last = printed.pop();
  if (last === undefined) throw new Error('An agenda line needs at least one item');
  const list = printed.length ? `${printed.join(agenda.separator)}${agenda.and}${last}` : last;
  const pattern =
    printed.length === 0 ? agenda.one : printed.length === 1 ? (agenda.two ?? agenda.many) : agenda.many;
  return fill(pattern, { items: list });
}

/** The organ's name in running position (session block); `masthead` picks the large-type form. */
export function organName(organ: Circulation['organ'], lang: Lang, masthead = false): string {
  const s = strings(lang);
  return (masthead ? s.mastheadOrgans?.[organ] : undefined) ?? s.organs[organ];
}

function localizedTitle(title: Partial<Record<Lang, string>>, lang: Lang): string | undefined {
  return title[lang] ?? title.en ?? Object.values(title).find((t) => t !== undefined);
}

function block(circulation: Circulation, lang: Lang): MastheadBlock {
  const organ = organName(circulation.organ, lang);
  if (circulation.organ !== 'GA') return { organ, period: yearLine(circulation.year, lang) };
  const items = circulation.agendaItems;
  return {
    organ,
    period: sessionLine(circulation.session, lang),
    agenda: {
      line: agendaLine(
        items.map((i) => i.item),
        lang,
      ),
      titles: items.map((i) => localizedTitle(i.title, lang)).filter((t) => t !== undefined),
    },
  };
}

/** Every masthead string of the `lang` version of `doc`. */
export function mastheadText(doc: DocumentFile, lang: Lang): MastheadText {
  const s = strings(lang);
  // GA first, the other organs in the order the document lists them.
  const circulation = [...doc.circulation].sort(
    (a, b) => Number(b.organ === 'GA') - Number(a.organ === 'GA'),
  );
  const original = lang === doc.originalLanguage;
  return {
    unitedNations: s.unitedNations,
    symbols: doc.symbols.join('-'),
    organs: circulation.map((c) => organName(c.organ, lang, true)),
    blocks: circulation.map((c) => block(c, lang)),
    distribution: s.distribution[doc.distribution],
    date: formatDate(doc.issued, s.mastheadDateLanguage),
    ...(original ? {} : { versionLanguage: s.versionLanguage }),
    original: s.original[doc.originalLanguage],
  };
}

/**
 * The signature block in printing order; the name keeps its `**bold**` marks.
 * Notes verbales are unsigned.
 */
export function signatureLines(
  signature: Signature | undefined,
  lang: Lang,
  kind: DocumentFile['kind'],
): string[] {
  if (kind === 'note-verbale' || signature === undefined) return [];
  const { mark, line, titleFirst } = strings(lang).signature;
  const signed = fill(line, { mark, name: signature.name });
  return titleFirst ? [...signature.title, signed] : [signed, ...signature.title];
}

/** Notes under an annex heading in the `lang` version. */
export function annexNotes(annex: Annex, doc: DocumentFile, lang: Lang): AnnexNotes {
  const s = strings(lang);
  const submitted = annex.originalLanguage;
  return {
    ...(submitted !== undefined && submitted !== doc.originalLanguage
      ? { original: s.annexOriginal[submitted] }
      : {}),
    ...(annex.languageOfSubmissionOnly ? { footnote: s.languageOfSubmissionOnly } : {}),
  };
}

/**
 * First-page footer: job number with the version's letter, and date stamps (date published).
 * Translations carry two stamps; what distinguishes them at the UN is unknown, so both are the
 * publication date.
 */
export function footerText(doc: DocumentFile, lang: Lang): FooterText {
  const stamp = dateStamp(doc.published ?? doc.issued);
  return {
    job: `${doc.jobNumber} (${LANGUAGE_LETTER[lang]})`,
    stamps: lang === doc.originalLanguage ? [stamp] : [stamp, stamp],
  };
}

/** Wording beside the recycling logo. */
export function pleaseRecycle(lang: Lang): string {
  return strings(lang).pleaseRecycle;
}
