/**
 * Registration, the pure part: what a submission plus the numbers drawn for it become (the
 * document file of `document.ts`, which the renderer takes), and what a follow-up of a document is.
 * No AWS here; `registrar.ts` runs the steps against the stores (and says why the steps are
 * gap-free and retry-safe).
 */
import { z } from 'zod';
import { type Agenda, agendaItemsFor } from './agenda.ts';
import type { AgendaItem, Annex, Circulation, DocumentFile, Version } from './document.ts';
import type { FieldProblem } from './field-problems.ts';
import type { Lang } from './languages.ts';
import { jobNumberInSeries, jobSeries, seriesForCirculation, symbolInSeries } from './series.ts';
import type { Submission } from './submission.ts';
import type { StoredSubmission } from './submission-record.ts';
import {
  type FollowupType,
  formatJointSymbol,
  formatSymbol,
  type ModifierKind,
  parseJointSymbol,
  parseSymbol,
} from './symbols.ts';

export type DocumentStatus = 'registered' | 'distributed';
export type FollowupKind = FollowupType | 'reissue';
export const FOLLOWUP_KINDS = ['addendum', 'corrigendum', 'revision', 'reissue'] as const;

/** The document as Distr keeps it: the document file plus where it came from. */
export interface RegisteredDocument extends DocumentFile {
  id: string;
  /** The symbols joined as printed: `A/79/923-S/2025/341`. */
  symbol: string;
  status: DocumentStatus;
  /** The submission it was registered from (absent for follow-ups). */
  submissionId?: string;
  /** The document a follow-up or reissue derives from. */
  base?: { id: string; symbol: string };
  followup?: { type: FollowupKind; n: number };
  registeredAt: string;
}

const isoDate = z.iso.date({ error: 'must be an ISO date, as in "2025-06-03"' });

/** Body of `POST /v1/submissions/{id}/register` (optional). */
export const registerRequestSchema = z.strictObject({ issued: isoDate.optional() });

/** Body of `POST /v1/documents/{symbol}/followups`. */
export const followupRequestSchema = z.strictObject({
  type: z.enum(FOLLOWUP_KINDS, { error: `type is one of ${FOLLOWUP_KINDS.join(', ')}` }),
  issued: isoDate.optional(),
});
export type FollowupRequest = z.infer<typeof followupRequestSchema>;

/** Today's date in UTC, the default issue date. */
export const todayUtc = (now: Date): string => now.toISOString().slice(0, 10);

/** The counters a submission's registration draws from: one symbol series per organ, and the job series. */
export interface RegistrationPlan {
  /** GA first: `['A/79', 'S/2025']`. */
  symbolSeries: string[];
  jobSeries: string;
}

export function planRegistration(
  submission: Pick<Submission, 'circulation'>,
  issued: string,
): RegistrationPlan {
  return { symbolSeries: seriesForCirculation(submission.circulation, issued), jobSeries: jobSeries(issued) };
}

/**
 * The agenda items of each GA circulation entry with their six titles, from the loaded agendas
 * (by session). Every item that is not on its session's agenda is named.
 */
export function resolveAgendaItems(
  circulation: Submission['circulation'],
  agendas: ReadonlyMap<number, Agenda>,
): { ok: true; value: Map<number, AgendaItem[]> } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const value = new Map<number, AgendaItem[]>();
  circulation.forEach((entry, index) => {
    if (entry.organ !== 'GA') return;
    const agenda = agendas.get(entry.session);
    if (!agenda) {
      entry.agendaItems.forEach((item, m) => {
        problems.push({
          field: `/circulation/${index}/agendaItems/${m}`,
          message: `no agenda is loaded for GA session ${entry.session}, so item ${item} cannot be checked (PUT /v1/agendas/GA/${entry.session})`,
        });
      });
      return;
    }
    const found = agendaItemsFor(agenda, entry.agendaItems);
    if (found.ok) {
      value.set(entry.session, found.value);
      return;
    }
    entry.agendaItems.forEach((item, m) => {
      if (found.missing.includes(item)) {
        problems.push({
          field: `/circulation/${index}/agendaItems/${m}`,
          message: `item ${item} is not on the agenda of GA session ${entry.session}`,
        });
      }
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

export interface BuildDocumentInput {
  id: string;
  submissionId: string;
  submission: StoredSubmission;
  issued: string;
  /** Numbers drawn, by series key (`A/79`, `S/2025`, `job/25`). */
  numbers: Readonly<Record<string, number>>;
  /** Agenda items with titles, by GA session (from `resolveAgendaItems`). */
  agendaItems: ReadonlyMap<number, AgendaItem[]>;
  /** The stored PDF (S3 key) of the annex at that index, for annexes given as PDFs. */
  annexPdf: (index: number) => string | undefined;
  registeredAt: string;
}

function drawn(numbers: Readonly<Record<string, number>>, series: string): number {
  const n = numbers[series];
  if (n === undefined) throw new RangeError(`No number was drawn from series ${series}`);
  return n;
}

/** What a registration's numbers name: its symbols (GA first), their joint form, and its job number. */
export interface RegisteredNames {
  symbols: string[];
  symbol: string;
  jobNumber: string;
}

export function registeredNames(
  plan: RegistrationPlan,
  numbers: Readonly<Record<string, number>>,
): RegisteredNames {
  const symbols = plan.symbolSeries.map((series) => symbolInSeries(series, drawn(numbers, series)));
  return {
    symbols,
    symbol: formatJointSymbol(symbols),
    jobNumber: jobNumberInSeries(plan.jobSeries, drawn(numbers, plan.jobSeries)),
  };
}

/** The document a submission becomes: its symbols, job number and original-language version. */
export function buildDocument(input: BuildDocumentInput): RegisteredDocument {
  const { submission, issued } = input;
  const plan = planRegistration(submission, issued);
  const { symbols, symbol, jobNumber } = registeredNames(plan, input.numbers);
  const year = Number(issued.slice(0, 4));
  const circulation: Circulation[] = submission.circulation.map((entry) => {
    if (entry.organ === 'GA') {
      const items = input.agendaItems.get(entry.session);
      if (!items) throw new RangeError(`No agenda items resolved for GA session ${entry.session}`);
      return { organ: 'GA', session: entry.session, agendaItems: items };
    }
    return { organ: entry.organ, year };
  });
  const annexes: Annex[] = (submission.annexes ?? []).map((annex, index) => {
    const isPdf = annex.body === undefined;
    const pdf = isPdf ? input.annexPdf(index) : undefined;
    if (isPdf && !pdf) throw new RangeError(`Annex ${index} is a PDF that has not been stored`);
    return {
      heading: annex.heading,
      ...(annex.title !== undefined ? { title: annex.title } : {}),
      ...(annex.body !== undefined ? { body: annex.body } : {}),
      ...(pdf ? { pdf } : {}),
      ...(annex.languageOfSubmissionOnly !== undefined
        ? { languageOfSubmissionOnly: annex.languageOfSubmissionOnly }
        : {}),
    };
  });
  const version: Version = {
    title: submission.title,
    body: submission.body,
    // A note verbale is not signed.
    ...(submission.kind === 'letter' && submission.from.signatory
      ? { signature: { name: submission.from.signatory, title: submission.from.title ?? [] } }
      : {}),
    annexes,
  };
  return {
    id: input.id,
    kind: submission.kind,
    symbol,
    symbols,
    jobNumber,
    issued,
    distribution: 'general',
    originalLanguage: submission.language,
    circulation,
    versions: { [submission.language]: version } as Partial<Record<Lang, Version>>,
    status: 'registered',
    submissionId: input.submissionId,
    registeredAt: input.registeredAt,
  };
}

const FOLLOWUP_MODIFIER: Record<FollowupType, ModifierKind> = {
  addendum: 'Add',
  corrigendum: 'Corr',
  revision: 'Rev',
};

function parseParts(symbols: readonly string[]) {
  return symbols.map((symbol) => {
    const parsed = parseSymbol(symbol);
    if (!parsed.ok) throw new RangeError(`${symbol} is not a canonical symbol: ${parsed.error.reason}`);
    return parsed.value;
  });
}

/**
 * What a follow-up of `baseSymbols` is counted under. Follow-ups count per base document and type;
 * following up `A/79/923/Add.1` with an addendum gives its sibling `Add.2`, so that counts under
 * `A/79/923` too. Reissue marks of the base are ignored: `A/79/923*` has the addenda of `A/79/923`.
 */
export function followupCounterKey(baseSymbols: readonly string[], type: FollowupKind): string {
  const parts = parseParts(baseSymbols).map((symbol) => {
    const modifiers = [...symbol.modifiers];
    if (type !== 'reissue' && modifiers.at(-1)?.kind === FOLLOWUP_MODIFIER[type]) modifiers.pop();
    return formatSymbol({ ...symbol, modifiers, reissues: 0 });
  });
  const suffix = type === 'reissue' ? '*' : FOLLOWUP_MODIFIER[type];
  return `followup:${formatJointSymbol(parts)}#${suffix}`;
}

/**
 * The symbols of the `n`th follow-up of that type: every symbol of a joint document gets it
 * (`A/79/923/Add.1`, `S/2025/341/Add.1`); modifiers stack (`A/43/26/Add.1/Corr.1`). The `n`th
 * reissue carries `n` asterisks on the base's symbols.
 */
export function followupSymbols(baseSymbols: readonly string[], type: FollowupKind, n: number): string[] {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`A follow-up number is a whole number from 1, not ${n}`);
  const symbols = parseParts(baseSymbols).map((symbol) => {
    if (type === 'reissue') return formatSymbol({ ...symbol, reissues: n });
    const kind = FOLLOWUP_MODIFIER[type];
    const modifiers = [...symbol.modifiers];
    if (modifiers.at(-1)?.kind === kind) modifiers.pop();
    return formatSymbol({ ...symbol, modifiers: [...modifiers, { kind, n }], reissues: 0 });
  });
  // GA first, as the joint form prints them.
  const joint = parseJointSymbol(formatJointSymbol(symbols));
  if (!joint.ok) throw new RangeError(joint.error.reason);
  return joint.value;
}

/** Series a follow-up draws its job number from; a reissue keeps the base's (with one more `*`). */
export function followupJobSeries(type: FollowupKind, issued: string): string | undefined {
  return type === 'reissue' ? undefined : jobSeries(issued);
}

export interface BuildFollowupInput {
  id: string;
  base: RegisteredDocument;
  type: FollowupKind;
  n: number;
  issued: string;
  /** Numbers drawn, by series key: the job series for all but reissues. */
  numbers: Readonly<Record<string, number>>;
  registeredAt: string;
}

/**
 * A follow-up is a new document linked to its base, with its own job number, under the base's
 * circulation. A revision replaces the base's text and a reissue repeats it, so both start from
 * the base's versions; an addendum or corrigendum has new text, so it starts with none.
 */
export function buildFollowup(input: BuildFollowupInput): RegisteredDocument {
  const { base, type, n, issued } = input;
  const symbols = followupSymbols(base.symbols, type, n);
  const jobSeriesKey = followupJobSeries(type, issued);
  const baseJob = base.jobNumber.replace(/\*+$/, '');
  const jobNumber = jobSeriesKey
    ? jobNumberInSeries(jobSeriesKey, drawn(input.numbers, jobSeriesKey))
    : `${baseJob}${'*'.repeat(n)}`;
  const copiesText = type === 'revision' || type === 'reissue';
  return {
    id: input.id,
    kind: base.kind,
    symbol: formatJointSymbol(symbols),
    symbols,
    jobNumber,
    issued,
    distribution: base.distribution,
    originalLanguage: base.originalLanguage,
    circulation: structuredClone(base.circulation),
    versions: copiesText ? structuredClone(base.versions) : {},
    status: 'registered',
    base: { id: base.id, symbol: base.symbol },
    followup: { type, n },
    registeredAt: input.registeredAt,
  };
}
