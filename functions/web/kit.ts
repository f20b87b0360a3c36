/**
 * What every web handler shares: the page context, redirects, reading a form, and the checks of a
 * signed-in page (session, role, Origin, CSRF). A page acts for the session's caller with the same
 * domain calls the API makes, so it can do nothing the API would refuse that caller.
 */
import type { FollowupIndex } from '../adapters/document-store.ts';
import type { TokenStore } from '../adapters/token-store.ts';
import type { AuditPort } from '../domain/audit.ts';
import type { Renderer } from '../domain/distributor.ts';
import type { Lang } from '../domain/languages.ts';
import type { DocumentPort } from '../domain/registrar.ts';
import type { Role } from '../domain/tokens.ts';
import { csrfMatches, requestOrigin } from '../domain/web-session.ts';
import type { ApiDeps } from '../http/api.ts';
import type { HttpEvent, HttpResult } from '../http/http-api.ts';
import type { SignedIn } from '../http/router.ts';
import { page } from './app.ts';
import { type Assets, assetPath } from './assets.ts';
import type { PageContext } from './markup.ts';
import { errorPage, forbiddenPage } from './pages.ts';
import type { ActiveSession, Sessions } from './session.ts';

/** What the web function's handlers are handed: the API's services, and the pages' own. */
export interface WebDeps extends ApiDeps {
  followups: FollowupIndex;
  assets: Assets;
  sessions: Sessions;
  /** A registered submission's document, for its job number before it is public. */
  documents: Pick<DocumentPort, 'get'>;
  tokens: TokenStore;
  /** The trail the console's submission and document pages show. */
  audit: AuditPort;
  /** Renders one language in process: the officer's preview, with the render worker's renderer. */
  preview: Renderer;
}

/** Every page of a session: never kept by a browser or a shared cache. */
export const PRIVATE = { 'cache-control': 'no-store' };

/** Larger than any form of the session pages but the ones that carry a letter's text. */
export const MAX_FORM_BYTES = 8 * 1024;

export const seeOther = (location: string, headers: Record<string, string> = {}): HttpResult => ({
  statusCode: 303,
  headers: { location, ...PRIVATE, ...headers },
  body: '',
});

/** A form body (`application/x-www-form-urlencoded`); anything else reads as an empty form. */
export function formOf(event: HttpEvent, maxBytes = MAX_FORM_BYTES): URLSearchParams | 'too-large' {
  const body = typeof event.body === 'string' ? event.body : '';
  const text = event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  if (Buffer.byteLength(text) > maxBytes) return 'too-large';
  const type = event.headers?.['content-type'] ?? '';
  return /^application\/x-www-form-urlencoded/i.test(type)
    ? new URLSearchParams(text)
    : new URLSearchParams();
}

/**
 * A form body read as the web platform reads one (`Request#formData()`: multipart, with its files,
 * or urlencoded), within `maxBytes` of what was sent; anything else, or a body that does not parse,
 * reads as an empty form (whose missing CSRF token then refuses it).
 */
export async function formDataOf(event: HttpEvent, maxBytes: number): Promise<FormData | 'too-large'> {
  const body = typeof event.body === 'string' ? event.body : '';
  const bytes = event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (bytes.byteLength > maxBytes) return 'too-large';
  const type = event.headers?.['content-type'] ?? '';
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)) return new FormData();
  try {
    return await new Request('http://form.invalid/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: bytes,
    }).formData();
  } catch {
    return new FormData();
  }
}

/**
 * A form body of either encoding a page posts, as text fields: a file field of a multipart form
 * (an agenda file) reads as its text.
 */
export async function readForm(
  event: HttpEvent,
  maxBytes = MAX_FORM_BYTES,
): Promise<URLSearchParams | 'too-large'> {
  const type = event.headers?.['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(type)) return formOf(event, maxBytes);
  const data = await formDataOf(event, maxBytes);
  if (data === 'too-large') return data;
  const form = new URLSearchParams();
  for (const [name, value] of data) form.append(name, typeof value === 'string' ? value : await value.text());
  return form;
}

/** This request's path and query, for coming back after signing in. */
export const pathOf = (event: HttpEvent) =>
  `${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;

/** The same path in another UI language: only the first segment changes. */
export const samePathIn = (path: string) => (l: Lang) => path.replace(/^\/[a-z]{2}(?=\/|$)/, `/${l}`);

/** A session of one of the roles a page admits, with the caller the domain acts for. */
export interface SignedInPage<R extends Role> {
  active: ActiveSession;
  caller: SignedIn<R>;
  ctx: PageContext;
}

export type WebKit = ReturnType<typeof webKit>;

export function webKit(deps: WebDeps) {
  const stylesheet = assetPath(deps.assets.stylesheet);
  const siteOrigin = new URL(deps.config.publicUrl).origin;
  const { sessions } = deps;

  const context = (
    lang: Lang,
    hrefIn: (lang: Lang) => string,
    account?: PageContext['account'],
  ): PageContext => ({
    lang,
    stylesheet,
    hrefIn,
    publicUrl: deps.config.publicUrl,
    ...(account ? { account } : {}),
  });

  const home = (lang: Lang) => context(lang, (l) => `/${l}`);

  /** A state-changing request from another site: refused with a page saying so. */
  const crossSite = (event: HttpEvent, lang: Lang): HttpResult | undefined =>
    requestOrigin(event.headers ?? {}, siteOrigin) === 'cross'
      ? page(403, forbiddenPage(home(lang), true), PRIVATE)
      : undefined;

  /**
   * The session of a signed-in page, if its role may see it; otherwise the answer: signed out, to
   * the sign-in page and back here afterwards; another role, the 403 page.
   */
  async function signedIn<R extends Role>(
    event: HttpEvent,
    lang: Lang,
    roles: readonly R[],
  ): Promise<SignedInPage<R> | { response: HttpResult }> {
    const active = await sessions.current(event);
    if (!active) {
      return { response: seeOther(`/${lang}/sign-in?${new URLSearchParams({ return: pathOf(event) })}`) };
    }
    const account = { role: active.session.role, csrf: active.csrf };
    const ctx = context(lang, samePathIn(pathOf(event)), account);
    if (!(roles as readonly Role[]).includes(active.session.role)) {
      return { response: page(403, forbiddenPage(ctx), PRIVATE) };
    }
    const { role, state, tokenId } = active.session;
    const caller = { role, tokenId, ...(state ? { state } : {}) } as SignedIn<R>;
    return { active, caller, ctx };
  }

  /**
   * The checks every form post passes, whatever its encoding: same site, signed in with one of the
   * roles, within `maxBytes` (read by `read`), and carrying the session's CSRF token (`csrfOf`).
   */
  async function checkedForm<R extends Role, F>(
    event: HttpEvent,
    lang: Lang,
    roles: readonly R[],
    read: () => Promise<F | 'too-large'>,
    csrfOf: (form: F) => string | undefined,
  ): Promise<(SignedInPage<R> & { form: F }) | { response: HttpResult }> {
    const refused = crossSite(event, lang);
    if (refused) return { response: refused };
    const found = await signedIn(event, lang, roles);
    if ('response' in found) return found;
    const form = await read();
    if (form === 'too-large') return { response: page(413, errorPage(found.ctx), PRIVATE) };
    const id = sessions.sessionIdOf(event);
    if (!id || !csrfMatches(id, csrfOf(form))) {
      return { response: page(403, forbiddenPage(found.ctx, true), PRIVATE) };
    }
    return { ...found, form };
  }

  /**
   * A form post (`application/x-www-form-urlencoded`) from one of the roles' sessions, carrying the
   * session's CSRF token, within `maxBytes`. Anything else is answered before the form is acted on.
   */
  const signedInForm = <R extends Role>(
    event: HttpEvent,
    lang: Lang,
    roles: readonly R[],
    maxBytes = MAX_FORM_BYTES,
  ): Promise<(SignedInPage<R> & { form: URLSearchParams }) | { response: HttpResult }> =>
    checkedForm(
      event,
      lang,
      roles,
      () => readForm(event, maxBytes),
      (form) => form.get('csrf') ?? undefined,
    );

  /**
   * As signedInForm, for a form that may carry files (`multipart/form-data`): the same checks, the
   * form read by formDataOf.
   */
  const signedInMultipart = <R extends Role>(
    event: HttpEvent,
    lang: Lang,
    roles: readonly R[],
    maxBytes: number,
  ): Promise<(SignedInPage<R> & { form: FormData }) | { response: HttpResult }> =>
    checkedForm(
      event,
      lang,
      roles,
      () => formDataOf(event, maxBytes),
      (form) => {
        const csrf = form.get('csrf');
        return typeof csrf === 'string' ? csrf : undefined;
      },
    );

  return { deps, siteOrigin, context, home, crossSite, signedIn, signedInForm, signedInMultipart };
}
