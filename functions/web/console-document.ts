/**
 * The officer console's document: its page, a language version's form, a preview PDF rendered in
 * process, distribution (asking first when languages are missing) with its progress page, and
 * follow-ups. Each form acts through the same domain calls as the API's `putVersion`,
 * `distribute` and `followup`, with the API's own request schemas, so it can do nothing the API
 * would refuse an officer.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { distributeRequestSchema, documentFileOf, isCurrent, versionsInfo } from '../domain/distribution.ts';
import { DomainError } from '../domain/errors.ts';
import { isLang, LANGUAGES, type Lang } from '../domain/languages.ts';
import { followupRequestSchema, type RegisteredDocument } from '../domain/registration.ts';
import { actorOf } from '../http/caller.ts';
import { versionBodySchema } from '../http/distribution.ts';
import type { HttpEvent, HttpResult } from '../http/http-api.ts';
import type { Handlers } from '../http/router.ts';
import { fileNameOf } from '../render/file-name.ts';
import { page } from './app.ts';
import {
  type ConsoleDocumentView,
  confirmDistributePage,
  consoleDocumentPage,
  consoleDocumentPaths,
  type FollowupForm,
  progressPage,
  type VersionValues,
  valuesOf,
  versionFormPage,
} from './console-document-pages.ts';
import { PRIVATE, seeOther, type WebKit } from './kit.ts';
import type { FieldErrors, PageContext } from './markup.ts';
import { messages } from './messages.ts';
import { errorPage, notFoundPage } from './pages.ts';

export type ConsoleDocumentOperation =
  | 'webConsoleDocument'
  | 'webConsoleVersion'
  | 'webConsolePreview'
  | 'webConsoleProgress'
  | 'webConsoleVersionPost'
  | 'webConsoleDistribute'
  | 'webConsoleFollowup';

/**
 * A version form's largest post: a version's JSON may take 300,000 bytes, and form encoding
 * writes each byte of a non-ASCII character as three (`%D8%A7`), a line break as six.
 */
export const MAX_VERSION_FORM_BYTES = 1_000_000;

/** What the Idempotency-Key header may hold, for the key a follow-up form carries. */
const FORM_KEY = /^[\x21-\x7e]{1,255}$/;

const OFFICER = ['officer'] as const;

/** Each problem of a version as the form shows it: by field, in the UI language. */
function versionErrors(lang: Lang, issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const t = messages(lang).consoleDocument;
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const [first, second] = issue.path;
    const field =
      first === 'title'
        ? 'title'
        : first === 'signature'
          ? second === 'name'
            ? 'signatureName'
            : 'signatureTitle'
          : 'body';
    const message =
      issue.path.length === 0
        ? t.tooLarge
        : issue.code === 'too_small'
          ? t.required
          : issue.code === 'too_big'
            ? t.tooLong
            : t.cannotSet;
    errors[field] ??= message;
  }
  return errors;
}

/** The version a form stands for: the typed fields, with the stored version's annexes kept. */
function versionRequest(values: VersionValues, stored: RegisteredDocument['versions'][Lang]) {
  const titles = values.signatureTitle
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const name = values.signatureName.trim();
  return {
    title: values.title.trim(),
    body: values.body,
    ...(name || titles.length > 0 ? { signature: { name, title: titles } } : {}),
    annexes: stored?.annexes ?? [],
    ...(stored?.unofficial !== undefined ? { unofficial: stored.unofficial } : {}),
  };
}

/** A textarea's line breaks as a browser sends them (CRLF), as the text is stored (LF). */
const lines = (value: string | null) => (value ?? '').replace(/\r\n?/g, '\n');

export function consoleDocumentHandlers({
  deps,
  signedIn,
  signedInForm,
}: WebKit): Pick<Handlers<'web'>, ConsoleDocumentOperation> {
  const { distribution, registrar, config, audit } = deps;
  const { distributor } = distribution;

  const notFound = (ctx: PageContext) => page(404, notFoundPage(ctx), PRIVATE);

  async function documentView(
    document: RegisteredDocument,
    followup: Partial<FollowupForm> = {},
    notice?: string,
  ): Promise<ConsoleDocumentView> {
    const [state, pdfs, trail] = await Promise.all([
      distributor.state(document),
      distributor.storedPdfs(document),
      audit.list({ kind: 'document', id: document.id }),
    ]);
    return {
      document,
      state,
      audit: trail,
      pdfs,
      current: LANGUAGES.filter((l) => isCurrent(pdfs, document, l, config.publicUrl)),
      followup: { key: randomUUID(), ...followup },
      ...(notice ? { notice } : {}),
    };
  }

  const documentPage = async (
    ctx: PageContext,
    status: number,
    document: RegisteredDocument,
    followup?: Partial<FollowupForm>,
    notice?: string,
  ): Promise<HttpResult> =>
    page(status, consoleDocumentPage(ctx, await documentView(document, followup, notice)), PRIVATE);

  /** An officer's form post about the document `symbol`: the checks of signedInForm, then the document or 404. */
  const formOnDocument = async (event: HttpEvent, lang: Lang, symbol: string) => {
    const found = await signedInForm(event, lang, OFFICER);
    if ('response' in found) return found;
    const document = await distributor.find(symbol);
    if (!document) return { response: notFound(found.ctx) };
    return { ...found, document };
  };

  return {
    webConsoleDocument: async ({ event, params }) => {
      const found = await signedIn(event, params.lang, OFFICER);
      if ('response' in found) return found.response;
      const document = await distributor.find(params.symbol);
      if (!document) return notFound(found.ctx);
      return documentPage(found.ctx, 200, document);
    },

    webConsoleVersion: async ({ event, params }) => {
      const found = await signedIn(event, params.lang, OFFICER);
      if ('response' in found) return found.response;
      const document = await distributor.find(params.symbol);
      if (!document) return notFound(found.ctx);
      const stored = document.versions[params.docLang];
      return page(
        200,
        versionFormPage(found.ctx, {
          document,
          docLang: params.docLang,
          values: valuesOf(stored),
          errors: {},
          annexes: stored?.annexes.length ?? 0,
        }),
        PRIVATE,
      );
    },

    webConsoleVersionPost: async ({ event, params }) => {
      const { lang, docLang, symbol } = params;
      const found = await signedInForm(event, lang, OFFICER, MAX_VERSION_FORM_BYTES);
      if ('response' in found) return found.response;
      const { ctx, form } = found;
      const t = messages(lang).consoleDocument;
      const document = await distributor.find(symbol);
      if (!document) return notFound(ctx);
      const stored = document.versions[docLang];
      const values: VersionValues = {
        title: form.get('title') ?? '',
        body: lines(form.get('body')),
        signatureName: form.get('signatureName') ?? '',
        signatureTitle: lines(form.get('signatureTitle')),
      };
      const again = (status: number, errors: FieldErrors, notice?: string) =>
        page(
          status,
          versionFormPage(ctx, {
            document,
            docLang,
            values,
            errors,
            annexes: stored?.annexes.length ?? 0,
            ...(notice ? { notice } : {}),
          }),
          PRIVATE,
        );
      // The API's own check of a version sent in Markdown.
      const parsed = versionBodySchema.safeParse(versionRequest(values, stored));
      if (!parsed.success) return again(422, versionErrors(lang, parsed.error.issues));
      try {
        await distributor.putVersion(symbol, docLang, parsed.data, actorOf(found.caller));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.kind === 'not-found') return notFound(ctx);
        if (error.kind === 'conflict') return again(409, {}, t.conflict);
        if (error.kind === 'busy') return again(503, {}, t.busy);
        if (error.kind === 'invalid') return again(422, { body: t.cannotSet });
        throw error;
      }
      return seeOther(consoleDocumentPaths(document.symbol, lang).document);
    },

    webConsolePreview: async ({ event, params }) => {
      const found = await signedIn(event, params.lang, OFFICER);
      if ('response' in found) return found.response;
      const document = await distributor.find(params.symbol);
      if (!document?.versions[params.docLang]) return notFound(found.ctx);
      // Rendered as the render worker would render it now, stored nowhere.
      const { pdf } = await deps.preview(documentFileOf(document), params.docLang, (key) =>
        distribution.pdfs.attachment(key),
      );
      return {
        statusCode: 200,
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': `inline; filename="${fileNameOf(document, params.docLang)}"`,
          ...PRIVATE,
        },
        body: Buffer.from(pdf).toString('base64'),
        isBase64Encoded: true,
      };
    },

    webConsoleProgress: async ({ event, params }) => {
      const found = await signedIn(event, params.lang, OFFICER);
      if ('response' in found) return found.response;
      const document = await distributor.find(params.symbol);
      if (!document) return notFound(found.ctx);
      return page(200, progressPage(found.ctx, document, await distributor.state(document)), PRIVATE);
    },

    webConsoleDistribute: async ({ event, params }) => {
      const { lang, symbol } = params;
      const found = await formOnDocument(event, lang, symbol);
      if ('response' in found) return found.response;
      const { ctx, form, caller, document } = found;
      const t = messages(lang).consoleDocument;
      const paths = consoleDocumentPaths(document.symbol, lang);
      if (document.status === 'distributed') {
        // As the API's distribute does: whatever an earlier issue left undone is completed.
        await distributor.distribute(symbol, {}, actorOf(caller));
        return seeOther(paths.progress);
      }
      const { in: present, missing } = versionsInfo(document);
      if (present.length === 0) return documentPage(ctx, 409, document, {}, t.noVersions);
      let request: unknown = {};
      if (missing.length > 0) {
        // Fewer than six languages only once the officer has said so, for the languages named then.
        if (form.get('partial') !== 'true') {
          return page(200, confirmDistributePage(ctx, document, present, missing), PRIVATE);
        }
        request = { languages: [...new Set(form.getAll('languages'))].filter(isLang), partial: true };
      }
      const parsed = distributeRequestSchema.safeParse(request);
      if (!parsed.success) return page(400, errorPage(ctx), PRIVATE);
      try {
        await distributor.distribute(symbol, parsed.data, actorOf(caller));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.kind === 'not-found') return notFound(ctx);
        // A version went missing since the question was asked: the page shows where things stand.
        if (error.kind === 'conflict' || error.kind === 'invalid') {
          const now = (await distributor.find(symbol)) ?? document;
          return documentPage(ctx, 409, now, {}, t.noVersions);
        }
        throw error;
      }
      return seeOther(paths.progress);
    },

    webConsoleFollowup: async ({ event, params }) => {
      const { lang, symbol } = params;
      const found = await formOnDocument(event, lang, symbol);
      if ('response' in found) return found.response;
      const { ctx, form, caller, document } = found;
      const t = messages(lang).consoleDocument;
      const key = form.get('key') ?? '';
      // The key is the form's own, made when it was shown: one that is not is no form of this site.
      if (!FORM_KEY.test(key)) return page(400, errorPage(ctx), PRIVATE);
      const values = { type: form.get('type') ?? '', issued: (form.get('issued') ?? '').trim() };
      const parsed = followupRequestSchema.safeParse({
        type: values.type,
        ...(values.issued ? { issued: values.issued } : {}),
      });
      if (!parsed.success) {
        const errors: Record<string, string> = {};
        for (const issue of parsed.error.issues) {
          if (issue.path[0] === 'type') errors.type = t.badType;
          else errors.issued = t.badDate;
        }
        return documentPage(ctx, 422, document, { key, values, errors });
      }
      let created: RegisteredDocument;
      try {
        const { type, issued } = parsed.data;
        created = (
          await registrar.followup(document.symbol, {
            type,
            ...(issued ? { issued } : {}),
            idempotencyKey: key,
            actor: actorOf(caller),
          })
        ).document;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.kind === 'not-found') return notFound(ctx);
        if (error.kind === 'conflict') return documentPage(ctx, 409, document, { values }, t.keyUsed);
        if (error.kind === 'busy') return documentPage(ctx, 503, document, { key, values }, t.busy);
        throw error;
      }
      return seeOther(consoleDocumentPaths(created.symbol, lang).document);
    },
  };
}
