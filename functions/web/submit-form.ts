/**
 * The new-submission form as data: what was typed (kept to show the form again), the API's submit
 * request built from it, and the domain's problems (JSON Pointers into that request) brought back to
 * the form's fields, each with its message in the UI language.
 */
import type { FieldProblem } from '../domain/field-problems.ts';
import type { Lang } from '../domain/languages.ts';
import type { StateCode } from '../domain/member-states.ts';
import { fill } from '../domain/strings.ts';
import { countWords, MAX_WORDS } from '../domain/submission.ts';
import type { FieldErrors } from './markup.ts';
import type { Messages } from './messages.ts';

/** Annex slots of the form without script: text annexes first, then PDF annexes, in that order. */
export const TEXT_ANNEX_SLOTS = 2;
export const PDF_ANNEX_SLOTS = 2;

/** A slot's form-name prefix: `annex-t1` (text annex 1), `annex-p2` (PDF annex 2). */
export const textSlot = (n: number) => `annex-t${n}`;
export const pdfSlot = (n: number) => `annex-p${n}`;

/** The attachment id a PDF annex slot's file is declared and uploaded under. */
export const slotAttachmentId = (n: number) => `pdf-${n}`;

export interface SubmitValues {
  /** Generated when the form is shown; the submit's idempotency key. */
  formKey: string;
  kind: string;
  addressees: string[];
  organs: string[];
  session: string;
  agendaItems: string[];
  date: string;
  language: string;
  title: string;
  body: string;
  signatory: string;
  /** One title per line. */
  signatureTitle: string;
  textAnnexes: { heading: string; title: string; text: string }[];
  pdfAnnexes: { heading: string; title: string }[];
}

export const emptyValues = (formKey: string, lang: Lang, today: string): SubmitValues => ({
  formKey,
  kind: 'letter',
  addressees: [],
  organs: [],
  session: '',
  agendaItems: [],
  date: today,
  language: lang,
  title: '',
  body: '',
  signatory: '',
  signatureTitle: '',
  textAnnexes: Array.from({ length: TEXT_ANNEX_SLOTS }, () => ({ heading: '', title: '', text: '' })),
  pdfAnnexes: Array.from({ length: PDF_ANNEX_SLOTS }, () => ({ heading: '', title: '' })),
});

const texts = (form: FormData, name: string): string[] =>
  form.getAll(name).filter((v): v is string => typeof v === 'string');
const textOf = (form: FormData, name: string): string => texts(form, name)[0] ?? '';
/** Browsers send a textarea's line breaks as CRLF; the texts of a submission use LF. */
const lines = (text: string) => text.replace(/\r\n?/g, '\n');

export function valuesOf(form: FormData): SubmitValues {
  const slot = (prefix: string, field: string) => textOf(form, `${prefix}-${field}`);
  return {
    formKey: textOf(form, 'formKey'),
    kind: textOf(form, 'kind'),
    addressees: texts(form, 'addressee'),
    organs: texts(form, 'organ'),
    session: textOf(form, 'session').trim(),
    agendaItems: texts(form, 'agendaItem'),
    date: textOf(form, 'date').trim(),
    language: textOf(form, 'language'),
    title: textOf(form, 'title'),
    body: lines(textOf(form, 'body')),
    signatory: textOf(form, 'signatory'),
    signatureTitle: lines(textOf(form, 'signatureTitle')),
    textAnnexes: Array.from({ length: TEXT_ANNEX_SLOTS }, (_, i) => ({
      heading: slot(textSlot(i + 1), 'heading'),
      title: slot(textSlot(i + 1), 'title'),
      text: lines(slot(textSlot(i + 1), 'text')),
    })),
    pdfAnnexes: Array.from({ length: PDF_ANNEX_SLOTS }, (_, i) => ({
      heading: slot(pdfSlot(i + 1), 'heading'),
      title: slot(pdfSlot(i + 1), 'title'),
    })),
  };
}

/** The file chosen in each PDF annex slot (a slot left empty sends a nameless, empty part). */
export const pdfFilesOf = (form: FormData): (File | undefined)[] =>
  Array.from({ length: PDF_ANNEX_SLOTS }, (_, i) => {
    const file = form.get(`${pdfSlot(i + 1)}-file`);
    return file instanceof File && file.size > 0 ? file : undefined;
  });

export interface Draft {
  /** What `POST /v1/submissions` would be sent. */
  request: Record<string, unknown>;
  /** The slot of each annex of the request, by index: `annex-t1`, `annex-p1` … */
  slots: string[];
  /** The annex index of each PDF slot's file, by slot (from 0), for its upload. */
  pdfAnnexIndex: (number | undefined)[];
}

const filled = (...values: string[]) => values.some((v) => v.trim() !== '');

/** The submit request of the form: the State is the session's, never the form's. */
export function draftOf(values: SubmitValues, state: StateCode, hasFile: readonly boolean[]): Draft {
  const slots: string[] = [];
  const pdfAnnexIndex: (number | undefined)[] = [];
  const annexes: Record<string, unknown>[] = [];
  const titled = (heading: string, title: string) => ({
    heading: heading.trim(),
    ...(title.trim() ? { title: title.trim() } : {}),
  });
  values.textAnnexes.forEach((annex, i) => {
    if (!filled(annex.heading, annex.title, annex.text)) return;
    slots.push(textSlot(i + 1));
    annexes.push({ ...titled(annex.heading, annex.title), body: annex.text });
  });
  values.pdfAnnexes.forEach((annex, i) => {
    const file = hasFile[i] === true;
    if (!file && !filled(annex.heading, annex.title)) return;
    slots.push(pdfSlot(i + 1));
    pdfAnnexIndex[i] = file ? annexes.length : undefined;
    // Without a file the annex has no content, which the domain reports (on the file field here).
    annexes.push({
      ...titled(annex.heading, annex.title),
      ...(file ? { attachment: slotAttachmentId(i + 1) } : {}),
    });
  });
  const session = /^\d{1,4}$/.test(values.session) ? Number(values.session) : values.session || undefined;
  const signatureTitles = values.signatureTitle
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const request: Record<string, unknown> = {
    ...(values.kind ? { kind: values.kind } : {}),
    date: values.date,
    language: values.language,
    from: {
      state,
      // A note verbale is not signed: whatever the signature fields hold is left out.
      ...(values.kind === 'letter'
        ? {
            signatory: values.signatory.trim(),
            ...(signatureTitles.length ? { title: signatureTitles } : {}),
          }
        : {}),
    },
    addressees: values.addressees,
    circulation: values.organs.map((organ) =>
      organ === 'GA'
        ? { organ, ...(session !== undefined ? { session } : {}), agendaItems: values.agendaItems }
        : { organ },
    ),
    title: values.title.trim(),
    body: values.body,
    ...(annexes.length ? { annexes } : {}),
  };
  return { request, slots, pdfAnnexIndex };
}

/** The form field a problem's JSON Pointer names; `''` for the form as a whole. */
export function fieldOf(pointer: string, slots: readonly string[]): string {
  const [first, second, third] = pointer.split('/').slice(1);
  switch (first) {
    case 'kind':
    case 'date':
    case 'language':
    case 'title':
    case 'body':
      return first;
    case 'addressees':
      return 'addressee';
    case 'circulation':
      return third === 'session' ? 'session' : third === 'agendaItems' ? 'agendaItem' : 'organ';
    case 'from':
      return second === 'signatory' ? 'signatory' : second === 'title' ? 'signatureTitle' : '';
    case 'annexes': {
      const slot = second === undefined ? undefined : slots[Number(second)];
      if (!slot) return '';
      if (third === 'heading' || third === 'title') return `${slot}-${third}`;
      return third === 'body' && slot.startsWith('annex-t') ? `${slot}-text` : `${slot}-file`;
    }
    default:
      return '';
  }
}

/** What was typed in a text field, by its form name (for "fill in this field"). */
function typed(values: SubmitValues, name: string): string | undefined {
  const slot = /^annex-([tp])(\d+)-(heading|title|text)$/.exec(name);
  if (slot) {
    const list = slot[1] === 't' ? values.textAnnexes : values.pdfAnnexes;
    const annex = list[Number(slot[2]) - 1] as Record<string, string> | undefined;
    return annex?.[slot[3] as string];
  }
  const fields: Record<string, string> = {
    session: values.session,
    date: values.date,
    title: values.title,
    body: values.body,
    signatory: values.signatory,
  };
  return fields[name];
}

/** A field's problem in the UI language: one message per kind of field, whatever the domain said. */
export function messageFor(name: string, values: SubmitValues, t: Messages, today: string): string {
  const p = t.submit.problems;
  const value = typed(values, name);
  if (value !== undefined && value.trim() === '' && !name.endsWith('-title')) return p.required;
  if (name === 'date')
    return /^\d{4}-\d{2}-\d{2}$/.test(values.date) && values.date > today ? p.dateFuture : p.date;
  if (name === 'body') {
    const words = [
      values.title,
      values.body,
      ...values.textAnnexes.flatMap((a) => [a.heading, a.title, a.text]),
    ]
      .map(countWords)
      .reduce((a, b) => a + b, 0);
    return words > MAX_WORDS ? fill(t.submit.words, { max: String(MAX_WORDS) }) : p.body;
  }
  if (name.endsWith('-heading')) return p.heading;
  if (name.endsWith('-title')) return p.annexTitle;
  if (name.endsWith('-text')) return p.annexText;
  if (name.endsWith('-file')) return p.file;
  const byName: Record<string, string> = {
    kind: p.kind,
    addressee: p.addressee,
    organ: p.organ,
    session: p.session,
    agendaItem: p.agendaItem,
    language: p.language,
    title: p.title,
    signatory: p.signatory,
    signatureTitle: p.signatureTitle,
  };
  return byName[name] ?? p.other;
}

/** The domain's problems as the form's: each field once, its first problem; the rest under `''`. */
export function errorsOf(
  problems: readonly FieldProblem[],
  draft: Pick<Draft, 'slots'>,
  values: SubmitValues,
  t: Messages,
  today: string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const name = fieldOf(problem.field, draft.slots);
    errors[name] ??= messageFor(name, values, t, today);
  }
  return errors;
}

/** The label of each field, for the list of problems at the top of the form. */
export function fieldLabels(t: Messages): FieldErrors {
  const s = t.submit;
  const labels: Record<string, string> = {
    kind: s.kind,
    addressee: s.addressees,
    organ: s.organs,
    session: s.session,
    agendaItem: s.agendaItems,
    date: s.date,
    language: s.language,
    title: s.title,
    body: s.body,
    signatory: s.signatory,
    signatureTitle: s.signatureTitle,
  };
  for (let n = 1; n <= TEXT_ANNEX_SLOTS; n++) {
    const annex = fill(s.textAnnex, { number: String(n) });
    labels[`${textSlot(n)}-heading`] = `${annex}${t.listSeparator}${s.annexHeading}`;
    labels[`${textSlot(n)}-title`] = `${annex}${t.listSeparator}${s.annexTitle}`;
    labels[`${textSlot(n)}-text`] = `${annex}${t.listSeparator}${s.annexText}`;
  }
  for (let n = 1; n <= PDF_ANNEX_SLOTS; n++) {
    const annex = fill(s.pdfAnnex, { number: String(n) });
    labels[`${pdfSlot(n)}-heading`] = `${annex}${t.listSeparator}${s.annexHeading}`;
    labels[`${pdfSlot(n)}-title`] = `${annex}${t.listSeparator}${s.annexTitle}`;
    labels[`${pdfSlot(n)}-file`] = `${annex}${t.listSeparator}${s.annexFile}`;
  }
  return labels;
}
