/**
 * The web function's routes: a handler for each `fn: 'web'` operation of the route table. Pages
 * call the domain in process (the same distribution service the API builds), never the HTTP API.
 */
import Negotiator from 'negotiator';
import type { FollowupIndex } from '../adapters/document-store.ts';
import type { SearchPage } from '../adapters/search-index.ts';
import type { Config } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import { LANGUAGES, type Lang } from '../domain/languages.ts';
import type { DocumentMetadata } from '../domain/public-document.ts';
import type { DocumentPort } from '../domain/registrar.ts';
import { DEFAULT_LIMIT, type SearchQuery, searchRequestSchema } from '../domain/search.ts';
import type { SubmissionRecord, SubmissionStatus } from '../domain/submission-record.ts';
import { SUBMISSION_STATUSES } from '../domain/submission-record.ts';
import {
  listSubmissionsFor,
  type SubmissionPage,
  type SubmissionPorts,
  viewSubmissionFor,
} from '../domain/submissions-service.ts';
import { SymbolSyntaxError, splitDocumentPath } from '../domain/symbols.ts';
import type { Role } from '../domain/tokens.ts';
import { csrfMatches, homeOf, requestOrigin, returnPath } from '../domain/web-session.ts';
import type { HttpEvent, HttpResult, HttpRoute } from '../http/http-api.ts';
import { type Handlers, routesOf } from '../http/router.ts';
import { ROUTES } from '../http/routes.ts';
import type { DistributionService } from '../wiring/distribution.ts';
import { PageNotFound, page } from './app.ts';
import { type Assets, assetPath } from './assets.ts';
import { WEB_SEARCH_FIELDS, type WebSearchField } from './constants.ts';
import {
  consolePage,
  documentPage,
  errorPage,
  forbiddenPage,
  homePage,
  notFoundPage,
  type PageContext,
  portalPage,
  portalSubmissionPage,
  type Related,
  type SearchValues,
  searchPage,
  signInPage,
  titleIn,
} from './pages.ts';
import { type ActiveSession, clientAddress, type Sessions } from './session.ts';

export interface WebDeps {
  config: Config;
  distribution: DistributionService;
  followups: FollowupIndex;
  assets: Assets;
  sessions: Sessions;
  submissions: Pick<SubmissionPorts, 'submissions'>;
  /** A registered submission's document, for its job number before it is public. */
  documents: Pick<DocumentPort, 'get'>;
}

/** Every page of a session: never kept by a browser or a shared cache. */
const PRIVATE = { 'cache-control': 'no-store' };

/** Larger than any form of these pages: refused before it is parsed. */
const MAX_FORM_BYTES = 8 * 1024;

const seeOther = (location: string, headers: Record<string, string> = {}): HttpResult => ({
  statusCode: 303,
  headers: { location, ...PRIVATE, ...headers },
  body: '',
});

/** A form body (`application/x-www-form-urlencoded`); anything else reads as an empty form. */
function formOf(event: HttpEvent): URLSearchParams | 'too-large' {
  const body = typeof event.body === 'string' ? event.body : '';
  const text = event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  if (Buffer.byteLength(text) > MAX_FORM_BYTES) return 'too-large';
  const type = event.headers?.['content-type'] ?? '';
  return /^application\/x-www-form-urlencoded/i.test(type)
    ? new URLSearchParams(text)
    : new URLSearchParams();
}

/** This request's path and query, for coming back after signing in. */
const pathOf = (event: HttpEvent) =>
  `${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;

/** Submissions per portal page. */
export const PORTAL_PAGE = 25;
/** The intake queue's length on the console page. */
export const CONSOLE_QUEUE = 100;

/** How many of the latest documents the home page lists. */
export const HOME_LATEST = 10;

/** The best of the six languages for an Accept-Language header; English without one or a match. */
export function preferredLanguage(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'en';
  // English first among the offers: a wildcard (`*`, which fetch sends by default) then means English,
  // while any language the header names still wins by its own rank.
  const offers = ['en', ...LANGUAGES.filter((l) => l !== 'en')];
  const [best] = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages(offers);
  return (best as Lang | undefined) ?? 'en';
}

/** The form's fields that hold something (a browser sends empty ones too). */
function filled(query: Partial<Record<WebSearchField | 'cursor', string>>): SearchValues {
  const values: SearchValues = {};
  for (const name of WEB_SEARCH_FIELDS) {
    const value = query[name]?.trim();
    if (value) values[name] = value;
  }
  return values;
}

export function webHandlers({
  config,
  distribution,
  followups,
  assets,
  sessions,
  submissions,
  documents,
}: WebDeps): Handlers<'web'> {
  const stylesheet = assetPath(assets.stylesheet);
  const siteOrigin = new URL(config.publicUrl).origin;
  const context = (
    lang: Lang,
    hrefIn: (lang: Lang) => string,
    account?: PageContext['account'],
  ): PageContext => ({
    lang,
    stylesheet,
    hrefIn,
    publicUrl: config.publicUrl,
    ...(account ? { account } : {}),
  });
  const same = (path: string) => (l: Lang) => path.replace(/^\/[a-z]{2}(?=\/|$)/, `/${l}`);

  /** A state-changing request from another site: refused with a page saying so. */
  const crossSite = (event: HttpEvent, lang: Lang): HttpResult | undefined =>
    requestOrigin(event.headers ?? {}, siteOrigin) === 'cross'
      ? page(
          403,
          forbiddenPage(
            context(lang, (l) => `/${l}`),
            true,
          ),
          PRIVATE,
        )
      : undefined;

  /**
   * The session of a signed-in page, if its role may see it; otherwise the answer: signed out, to
   * the sign-in page and back here afterwards; another role, the 403 page.
   */
  async function signedIn(
    event: HttpEvent,
    lang: Lang,
    roles: readonly Role[],
  ): Promise<{ active: ActiveSession } | { response: HttpResult }> {
    const active = await sessions.current(event);
    if (!active) {
      return {
        response: seeOther(`/${lang}/sign-in?${new URLSearchParams({ return: pathOf(event) })}`),
      };
    }
    if (!roles.includes(active.session.role)) {
      const ctx = context(lang, same(event.rawPath), { role: active.session.role, csrf: active.csrf });
      return { response: page(403, forbiddenPage(ctx), PRIVATE) };
    }
    return { active };
  }
  const accountOf = (active: ActiveSession) => ({ role: active.session.role, csrf: active.csrf });

  /** A related document, if it is distributed: nothing shows of one that is not. */
  async function related(lang: Lang, symbol: string | undefined): Promise<Related | undefined> {
    if (!symbol) return undefined;
    const found = await distribution.distributor.publicMetadata(symbol);
    if (!found) return undefined;
    const title = titleIn(found.metadata, lang);
    return { symbol: found.metadata.symbol, ...(title ? { title } : {}) };
  }

  return {
    webRoot: async ({ event }) => ({
      statusCode: 302,
      // The target is one of six fixed paths, whatever the header holds: no open redirect.
      headers: {
        location: `/${preferredLanguage(event.headers?.['accept-language'])}`,
        vary: 'Accept-Language',
        'cache-control': 'public, max-age=60',
      },
      body: '',
    }),

    webHome: async ({ params }) => {
      const latest = await distribution.search.search({ limit: HOME_LATEST });
      return page(
        200,
        homePage(
          context(params.lang, (l) => `/${l}`),
          latest.items,
        ),
      );
    },

    webSearch: async ({ params, query }) => {
      const { lang } = params;
      const values = filled(query);
      const cursor = query.cursor?.trim() || undefined;
      const keep = new URLSearchParams(values as Record<string, string>);
      const withCursor = new URLSearchParams({ ...values, ...(cursor ? { cursor } : {}) });
      const ctx = context(lang, (l) => `/${l}/search${withCursor.size ? `?${withCursor}` : ''}`);
      const parsed = searchRequestSchema.safeParse({ ...values, ...(cursor ? { cursor } : {}) });
      if (!parsed.success) {
        const invalid = [
          ...new Set(
            parsed.error.issues
              .map((issue) => String(issue.path[0] ?? ''))
              .filter((name): name is WebSearchField | 'cursor' =>
                [...WEB_SEARCH_FIELDS, 'cursor'].includes(name),
              ),
          ),
        ];
        return page(400, searchPage(ctx, { values, invalid }));
      }
      const search: SearchQuery = { ...parsed.data, limit: DEFAULT_LIMIT };
      let found: SearchPage;
      try {
        found = await distribution.search.search(search);
      } catch (error) {
        // A cursor of another search, or altered: say so rather than fail.
        if (!(error instanceof DomainError) || error.kind !== 'malformed') throw error;
        return page(400, searchPage(ctx, { values, invalid: ['cursor'] }));
      }
      const feed = `/v1/feeds/documents.atom${keep.size ? `?${keep}` : ''}`;
      return page(
        200,
        searchPage(ctx, {
          values,
          invalid: [],
          results: {
            items: found.items,
            ...(found.cursor
              ? { next: new URLSearchParams({ ...values, cursor: found.cursor }).toString() }
              : {}),
            ...(cursor ? { first: keep.toString() } : {}),
            feed,
          },
        }),
      );
    },

    webDocument: async ({ params }) => {
      const { lang, proxy } = params;
      let symbol: string;
      try {
        const path = splitDocumentPath(proxy);
        if (path.rest.length > 0) throw new PageNotFound(lang);
        symbol = path.symbol;
      } catch (error) {
        if (error instanceof SymbolSyntaxError) throw new PageNotFound(lang);
        throw error;
      }
      // Unknown and not yet distributed look the same: nothing says the document exists.
      const found = await distribution.distributor.publicMetadata(symbol);
      if (!found) throw new PageNotFound(lang);
      const metadata: DocumentMetadata = found.metadata;
      // Both ways: the original it follows up, and its own follow-ups (`/Add.1`, `/Corr.1`, `/Rev.1`).
      const [original, later] = await Promise.all([
        related(lang, found.document.base?.symbol),
        followups
          .followupsOf(found.document.id)
          .then((symbols) => Promise.all(symbols.map((symbol) => related(lang, symbol)))),
      ]);
      const html = documentPage(
        context(lang, (l) => `/${l}/documents/${proxy.split('/').map(encodeURIComponent).join('/')}`),
        {
          metadata,
          ...(original ? { original } : {}),
          followups: later.filter((f): f is Related => f !== undefined),
        },
      );
      return page(200, html);
    },

    webSignIn: async ({ event, params, query }) => {
      const { lang } = params;
      const active = await sessions.current(event);
      if (active) return seeOther(returnPath(query.return, homeOf(active.session.role, lang)));
      const returnTo = query.return ? returnPath(query.return, '') || undefined : undefined;
      const ctx = context(
        lang,
        (l) => `/${l}/sign-in${returnTo ? `?${new URLSearchParams({ return: returnTo })}` : ''}`,
      );
      return page(
        200,
        signInPage(ctx, { ...(returnTo ? { returnTo } : {}), ...(query.out ? { signedOut: true } : {}) }),
        PRIVATE,
      );
    },

    webSignInPost: async ({ event, params }) => {
      const { lang } = params;
      const refused = crossSite(event, lang);
      if (refused) return refused;
      const form = formOf(event);
      const ctx = context(lang, (l) => `/${l}/sign-in`);
      if (form === 'too-large') return page(413, errorPage(ctx), PRIVATE);
      const asked = form.get('return') ?? undefined;
      const returnTo = asked ? returnPath(asked, '') || undefined : undefined;
      const again = (status: number, problem: 'missing' | 'invalid' | 'tooMany', wait?: number) =>
        page(
          status,
          signInPage(ctx, {
            problem,
            ...(returnTo ? { returnTo } : {}),
            ...(wait ? { waitSeconds: wait } : {}),
          }),
          { ...PRIVATE, ...(wait ? { 'retry-after': String(wait) } : {}) },
        );
      const address = clientAddress(event);
      const wait = await sessions.waitFor(address);
      if (wait > 0) return again(429, 'tooMany', wait);
      const token = form.get('token')?.trim() ?? '';
      if (!token) return again(400, 'missing');
      if (token.length > 200) return again(401, 'invalid');
      const signed = await sessions.signIn(token, address);
      if (!signed) return again(401, 'invalid');
      // Whatever session the browser held before is ended: one browser, one session.
      const previous = sessions.sessionIdOf(event);
      if (previous) await sessions.signOut(previous);
      return {
        ...seeOther(returnPath(returnTo, homeOf(signed.session.role, lang))),
        cookies: [signed.setCookie],
      };
    },

    webSignOut: async ({ event, params }) => {
      const { lang } = params;
      const refused = crossSite(event, lang);
      if (refused) return refused;
      const form = formOf(event);
      if (form === 'too-large') return page(413, errorPage(context(lang, (l) => `/${l}`)), PRIVATE);
      const id = sessions.sessionIdOf(event);
      if (id) {
        if (!csrfMatches(id, form.get('csrf') ?? undefined)) {
          return page(
            403,
            forbiddenPage(
              context(lang, (l) => `/${l}`),
              true,
            ),
            PRIVATE,
          );
        }
        await sessions.signOut(id);
      }
      return { ...seeOther(`/${lang}/sign-in?out=1`), cookies: [sessions.clearCookie] };
    },

    webPortal: async ({ event, params, query }) => {
      const { lang } = params;
      const found = await signedIn(event, lang, ['mission']);
      if ('response' in found) return found.response;
      const { active } = found;
      const state = active.session.state;
      if (!state) throw new Error('A mission session without a State');
      const status = (SUBMISSION_STATUSES as readonly string[]).includes(query.status ?? '')
        ? (query.status as SubmissionStatus)
        : undefined;
      const cursor = query.cursor?.trim() || undefined;
      const ctx = context(lang, same(pathOf(event)), accountOf(active));
      const view = { state, ...(status ? { status } : {}), items: [] as SubmissionRecord[] };
      if (query.status && !status) return page(400, portalPage(ctx, { ...view, invalid: true }), PRIVATE);
      let found2: SubmissionPage;
      try {
        found2 = await listSubmissionsFor(
          submissions,
          { role: 'mission', state },
          { limit: PORTAL_PAGE, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) },
        );
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind !== 'malformed') throw error;
        return page(400, portalPage(ctx, { ...view, invalid: true }), PRIVATE);
      }
      const keep: Record<string, string> = status ? { status } : {};
      return page(
        200,
        portalPage(ctx, {
          ...view,
          invalid: false,
          items: found2.items,
          ...(found2.cursor
            ? { next: new URLSearchParams({ ...keep, cursor: found2.cursor }).toString() }
            : {}),
          ...(cursor ? { first: new URLSearchParams(keep).toString() } : {}),
        }),
        PRIVATE,
      );
    },

    webPortalSubmission: async ({ event, params }) => {
      const { lang, id } = params;
      const found = await signedIn(event, lang, ['mission']);
      if ('response' in found) return found.response;
      const { active } = found;
      const state = active.session.state;
      if (!state) throw new Error('A mission session without a State');
      const ctx = context(lang, same(event.rawPath), accountOf(active));
      let record: SubmissionRecord;
      try {
        record = await viewSubmissionFor(submissions, id, { role: 'mission', state });
      } catch (error) {
        if (error instanceof DomainError && error.kind === 'not-found') {
          return page(404, notFoundPage(ctx), PRIVATE);
        }
        throw error;
      }
      const symbol = record.documentSymbols?.[0];
      const [published, registered] = await Promise.all([
        symbol ? distribution.distributor.publicMetadata(symbol) : undefined,
        record.documentId ? documents.get(record.documentId) : undefined,
      ]);
      return page(
        200,
        portalSubmissionPage(ctx, {
          record,
          ...(registered ? { jobNumber: registered.jobNumber } : {}),
          ...(published ? { published: published.metadata } : {}),
        }),
        PRIVATE,
      );
    },

    webConsole: async ({ event, params }) => {
      const { lang } = params;
      const found = await signedIn(event, lang, ['officer']);
      if ('response' in found) return found.response;
      const received = await listSubmissionsFor(
        submissions,
        { role: 'officer' },
        { limit: CONSOLE_QUEUE, status: 'received' },
      );
      // The store lists newest first; the queue is worked oldest first.
      const queue = [...received.items].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const ctx = context(lang, same(event.rawPath), accountOf(found.active));
      return page(200, consolePage(ctx, queue), PRIVATE);
    },

    webAsset: async ({ params }) => {
      const asset = assets.byName.get(params.file);
      if (!asset) throw new PageNotFound('en');
      return {
        statusCode: 200,
        headers: {
          'content-type': asset.contentType,
          'cache-control': 'public, max-age=31536000, immutable',
        },
        body: asset.body,
      };
    },
  };
}

export const webRoutes = (deps: WebDeps): HttpRoute[] => routesOf(ROUTES, 'web', webHandlers(deps));
