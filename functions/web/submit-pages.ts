/**
 * The new-submission form of the mission portal, and the short page that lists what stands in the
 * way of a preview. The form works without script: the agenda items come with a GET of the session,
 * PDF annexes travel in the multipart post, the preview opens in the page's named frame.
 */
import type { Agenda } from '../domain/agenda.ts';
import { DIRECTION, LANGUAGES, type Lang } from '../domain/languages.ts';
import { agendaItemNumber, organName } from '../domain/masthead.ts';
import { fill } from '../domain/strings.ts';
import { ADDRESSEES, type Addressee, ORGANS } from '../domain/submission.ts';
import {
  agendaTitle,
  attrs,
  csrfField,
  errorSummary,
  type FieldErrors,
  fieldId,
  html,
  inputField,
  langAttrs,
  layout,
  type Node,
  type PageContext,
  selectField,
  textAreaField,
} from './markup.ts';
import { type Messages, messages } from './messages.ts';
import {
  fieldLabels,
  PDF_ANNEX_SLOTS,
  pdfSlot,
  type SubmitValues,
  TEXT_ANNEX_SLOTS,
  textSlot,
} from './submit-form.ts';

/** The name of the preview's frame, the target of the Preview button. */
export const PREVIEW_FRAME = 'preview';

const ADDRESSEE_LABEL: Record<Addressee, keyof Messages['submit']> = {
  'secretary-general': 'secretaryGeneral',
  'president-general-assembly': 'presidentGeneralAssembly',
  'president-security-council': 'presidentSecurityCouncil',
  'president-economic-and-social-council': 'presidentEconomicAndSocialCouncil',
};

export interface SubmitView {
  values: SubmitValues;
  errors: FieldErrors;
  /** The agenda of the chosen GA session, if one is stored. */
  agenda?: Agenda | undefined;
  /** Why the form came back though no field is wrong (sent before with other contents, still sending). */
  notice?: 'alreadySent' | 'inProgress';
}

/** Checkboxes or radio buttons under one legend; the first control takes the field's id. */
function choices(spec: {
  name: string;
  legend: string;
  hint?: string;
  type: 'checkbox' | 'radio';
  options: readonly (readonly [string, Node, Lang?])[];
  selected: readonly string[];
  errors: FieldErrors;
}): Node {
  const id = fieldId(spec.name);
  const error = spec.errors[spec.name];
  const described = [spec.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<fieldset class="${error ? 'choices invalid' : 'choices'}"${attrs({ 'aria-describedby': described || undefined })}>
    <legend>${spec.legend}</legend>
    ${spec.hint && html`<span class="hint" id="${`${id}-hint`}">${spec.hint}</span>`}
    ${error && html`<span class="error" id="${`${id}-error`}">${error}</span>`}
    ${spec.options.map(([value, label, lang], index) => {
      const optionId = index === 0 ? id : fieldId(`${spec.name}-${value}`);
      return html`<div class="choice">
        <input type="${spec.type}" id="${optionId}" name="${spec.name}" value="${value}"${attrs({
          checked: spec.selected.includes(value) ? '' : undefined,
          'aria-invalid': error ? 'true' : undefined,
        })} />
        <label for="${optionId}"${attrs({ lang, dir: lang ? DIRECTION[lang] : undefined })}>${label}</label>
      </div>`;
    })}
  </fieldset>`;
}

function agendaPart(ctx: PageContext, view: SubmitView, t: Messages): Node {
  const { values, agenda, errors } = view;
  if (!values.session || (errors.session !== undefined && !agenda)) {
    return html`<p class="hint" id="${fieldId('agendaItem')}">${t.submit.noSession}</p>`;
  }
  if (!agenda) {
    return html`<input type="hidden" name="session" value="${values.session}" />
      <p class="hint" id="${fieldId('agendaItem')}">${fill(t.submit.noAgenda, { session: values.session })}</p>`;
  }
  return html`<input type="hidden" name="session" value="${values.session}" />
    ${choices({
      name: 'agendaItem',
      legend: fill(t.labelValue, {
        label: t.submit.agendaItems,
        value: `${t.submit.session} ${values.session}`,
      }),
      hint: t.submit.agendaItemsHint,
      type: 'checkbox',
      selected: values.agendaItems,
      errors,
      options: agenda.items.map((item) => {
        const title = agendaTitle(item.title, ctx.lang);
        return [
          item.item,
          html`${agendaItemNumber(item.item, ctx.lang)}. ${title && html`<span${langAttrs(ctx, title.lang)}>${title.text}</span>`}`,
        ] as const;
      }),
    })}`;
}

function annexParts(view: SubmitView, t: Messages): Node {
  const { values, errors } = view;
  const s = t.submit;
  const common = (prefix: string, annex: { heading: string; title: string }) => [
    inputField({
      name: `${prefix}-heading`,
      label: s.annexHeading,
      hint: s.annexHeadingHint,
      value: annex.heading,
      errors,
      maxLength: 2000,
    }),
    inputField({ name: `${prefix}-title`, label: s.annexTitle, value: annex.title, errors, maxLength: 2000 }),
  ];
  return html`${values.textAnnexes.slice(0, TEXT_ANNEX_SLOTS).map(
    (annex, i) => html`<fieldset class="annex">
      <legend>${fill(s.textAnnex, { number: String(i + 1) })}</legend>
      ${common(textSlot(i + 1), annex)}
      ${textAreaField({ name: `${textSlot(i + 1)}-text`, label: s.annexText, value: annex.text, errors, rows: 6 })}
    </fieldset>`,
  )}
  ${values.pdfAnnexes.slice(0, PDF_ANNEX_SLOTS).map((annex, i) => {
    const name = `${pdfSlot(i + 1)}-file`;
    const id = fieldId(name);
    const error = errors[name];
    return html`<fieldset class="annex">
      <legend>${fill(s.pdfAnnex, { number: String(i + 1) })}</legend>
      ${common(pdfSlot(i + 1), annex)}
      <div class="${error ? 'field invalid' : 'field'}">
        <label for="${id}">${s.annexFile}</label>
        <span class="hint" id="${`${id}-hint`}">${s.annexFileHint}</span>
        ${error && html`<span class="error" id="${`${id}-error`}">${error}</span>`}
        <input type="file" id="${id}" name="${name}" accept="application/pdf,.pdf"${attrs({
          'aria-invalid': error ? 'true' : undefined,
          'aria-describedby': [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' '),
        })} />
        <label class="progress" for="${`${id}-progress`}" hidden>${s.uploaded}</label>
        <progress id="${`${id}-progress`}" class="upload" max="100" value="0" hidden></progress>
      </div>
    </fieldset>`;
  })}`;
}

export function submitPage(ctx: PageContext, view: SubmitView): string {
  const t = messages(ctx.lang);
  const s = t.submit;
  const { values, errors } = view;
  const base = `/${ctx.lang}/portal`;
  const { '': general, ...fieldErrors } = errors;
  return layout(
    ctx,
    s.heading,
    html`<p><a href="${base}">${t.portal.back}</a></p>
      <h1>${s.heading}</h1>
      <p>${s.intro}</p>
      ${errorSummary(s.errorsHeading, fieldErrors, fieldLabels(t))}
      ${(general || view.notice) && html`<div class="errors" role="alert"><p>${general ?? (view.notice && s[view.notice])}</p></div>`}
      <form class="agenda-pick quick" method="get" action="${`${base}/submissions/new`}">
        ${inputField({
          name: 'session',
          label: s.session,
          hint: s.sessionHint,
          value: values.session,
          errors,
          ltr: true,
          inputMode: 'numeric',
          maxLength: 3,
        })}
        <div class="actions"><button type="submit">${s.showItems}</button></div>
      </form>
      <form id="submission-form" class="submission" method="post" action="${`${base}/submissions`}" enctype="multipart/form-data">
        ${csrfField(ctx)}
        <input type="hidden" name="formKey" value="${values.formKey}" />
        ${choices({
          name: 'kind',
          legend: s.kind,
          hint: s.kindHint,
          type: 'radio',
          selected: [values.kind],
          errors,
          options: [
            ['letter', s.letter],
            ['note-verbale', s.noteVerbale],
          ],
        })}
        ${choices({
          name: 'addressee',
          legend: s.addressees,
          hint: s.addresseesHint,
          type: 'checkbox',
          selected: values.addressees,
          errors,
          options: ADDRESSEES.map((a) => [a, s[ADDRESSEE_LABEL[a]] as string] as const),
        })}
        ${choices({
          name: 'organ',
          legend: s.organs,
          hint: s.organsHint,
          type: 'checkbox',
          selected: values.organs,
          errors,
          options: ORGANS.map((o) => [o, organName(o, ctx.lang)] as const),
        })}
        ${agendaPart(ctx, view, t)}
        <div class="fields">
          ${inputField({ name: 'date', label: s.date, hint: s.dateHint, value: values.date, errors, type: 'date', ltr: true })}
          ${selectField({
            name: 'language',
            label: s.language,
            hint: s.languageHint,
            value: values.language,
            errors,
            options: LANGUAGES.map((l) => [l, messages(l).autonym, l] as const),
          })}
        </div>
        ${inputField({ name: 'title', label: s.title, hint: s.titleHint, value: values.title, errors, maxLength: 2000 })}
        ${textAreaField({ name: 'body', label: s.body, hint: s.bodyHint, value: values.body, errors, rows: 14 })}
        <fieldset class="signature">
          <legend>${s.signature}</legend>
          ${inputField({
            name: 'signatory',
            label: s.signatory,
            hint: s.signatoryHint,
            value: values.signatory,
            errors,
            maxLength: 300,
          })}
          ${textAreaField({
            name: 'signatureTitle',
            label: s.signatureTitle,
            hint: s.signatureTitleHint,
            value: values.signatureTitle,
            errors,
            rows: 3,
          })}
        </fieldset>
        <h2>${s.annexes}</h2>
        <p class="hint">${s.annexesHint}</p>
        ${annexParts(view, t)}
        <div class="actions">
          <button type="submit" name="action" value="submit">${s.send}</button>
          <button type="submit" class="secondary" formaction="${`${base}/preview`}" formtarget="${PREVIEW_FRAME}" formnovalidate>${s.preview}</button>
        </div>
      </form>
      <h2>${s.preview}</h2>
      <p class="hint" id="preview-hint">${s.previewHint}</p>
      <iframe class="preview" name="${PREVIEW_FRAME}" title="${s.previewFrame}" src="about:blank"></iframe>`,
  );
}

/** What stands in the way of a preview, shown in the preview's frame: each problem with its field. */
export function previewProblemsPage(ctx: PageContext, errors: FieldErrors): string {
  const t = messages(ctx.lang);
  const labels = fieldLabels(t);
  return layout(
    ctx,
    t.submit.previewErrors,
    html`<h1>${t.submit.previewErrors}</h1>
      <ul class="problems">
        ${Object.entries(errors).map(
          ([name, message]) =>
            html`<li>${labels[name] ? fill(t.labelValue, { label: labels[name], value: message }) : message}</li>`,
        )}
      </ul>`,
  );
}
