/**
 * The web function's routes: a handler for each `fn: 'web'` operation of the route table. Pages
 * call the domain in process (the same distribution service the API builds), never the HTTP API.
 */
import Negotiator from 'negotiator';
import type { SearchPage } from '../adapters/search-index.ts';
import { DomainError } from '../domain/errors.ts';
import { LANGUAGES, type Lang } from '../domain/languages.ts';
import type { DocumentMetadata } from '../domain/public-document.ts';
import { DEFAULT_LIMIT, type SearchQuery, searchRequestSchema } from '../domain/search.ts';
import { SymbolSyntaxError, splitDocumentPath } from '../domain/symbols.ts';
import { csrfMatches, homeOf, returnPath } from '../domain/web-session.ts';
import type { HttpRoute } from '../http/http-api.ts';
import { type Handlers, routesOf } from '../http/router.ts';
import { ROUTES } from '../http/routes.ts';
import { PageNotFound, page } from './app.ts';
import { type ConsoleDocumentOperation, consoleDocumentHandlers } from './console-document.ts';
import { type IntakeOperation, intakeHandlers } from './console-intake.ts';
import { type ConsoleRegistriesOperation, consoleRegistriesHandlers } from './console-registries.ts';
import { type ConsoleTokensOperation, consoleTokensHandlers } from './console-tokens.ts';
import { WEB_SEARCH_FIELDS, type WebSearchField } from './constants.ts';
import { formOf, PRIVATE, seeOther, type WebDeps, type WebKit, webKit } from './kit.ts';
import {
  documentPage,
  errorPage,
  forbiddenPage,
  homePage,
  type Related,
  type SearchValues,
  searchPage,
  signInPage,
  titleIn,
} from './pages.ts';
import { type PortalOperation, portalHandlers } from './portal.ts';
import { clientAddress } from './session.ts';
import { type SubmitOperation, submitHandlers } from './submit.ts';

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

/** The public pages, signing in and out, and the assets. */
function siteHandlers(
  kit: WebKit,
): Omit<
  Handlers<'web'>,
  | PortalOperation
  | IntakeOperation
  | ConsoleTokensOperation
  | ConsoleRegistriesOperation
  | ConsoleDocumentOperation
  | SubmitOperation
> {
  const { deps, context, home, crossSite } = kit;
  const { distribution, followups, assets, sessions } = deps;

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
      return page(200, homePage(home(params.lang), latest.items));
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
      if (form === 'too-large') return page(413, errorPage(home(lang)), PRIVATE);
      const id = sessions.sessionIdOf(event);
      if (id) {
        if (!csrfMatches(id, form.get('csrf') ?? undefined)) {
          return page(403, forbiddenPage(home(lang), true), PRIVATE);
        }
        await sessions.signOut(id);
      }
      return { ...seeOther(`/${lang}/sign-in?out=1`), cookies: [sessions.clearCookie] };
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

/** Every page of the web function, each group over the same kit. */
export function webHandlers(deps: WebDeps): Handlers<'web'> {
  const kit = webKit(deps);
  return {
    ...siteHandlers(kit),
    ...portalHandlers(kit),
    ...intakeHandlers(kit),
    ...consoleTokensHandlers(kit),
    ...consoleRegistriesHandlers(kit),
    ...consoleDocumentHandlers(kit),
    ...submitHandlers(kit),
  };
}

export const webRoutes = (deps: WebDeps): HttpRoute[] => routesOf(ROUTES, 'web', webHandlers(deps));
