/**
 * The middleware stack of the web function: the API's security headers with a strict
 * Content-Security-Policy for pages (only this origin's stylesheet; no script, inline style,
 * plugin, frame or form target elsewhere), and every error answered as a page in the UI language
 * rather than problem+json: 404 as the not-found page, anything unexpected as the error page (500).
 */
import middy, { type MiddlewareObj } from '@middy/core';
import httpRouterHandler from '@middy/http-router';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { Context } from 'aws-lambda';
import { isLang, type Lang } from '../domain/languages.ts';
import { type HttpEvent, type HttpResult, type HttpRoute, logger } from '../http/http-api.ts';
import { Problem } from '../http/problem.ts';
import { HTML } from './constants.ts';

/**
 * The policy every answer is served with: only this origin's stylesheet and script (the submission
 * form's, an external file), no inline script or style, plugin or base; forms post only here; never
 * framed but for the preview in the form's own frame (FRAMEABLE_POLICY). Written out
 * rather than left to the security-headers middleware, whose default policy sandboxes the page
 * (which would disable its forms).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

/** The policy of an answer the site's own pages may frame: the preview PDF, in the form's `<iframe>`. */
export const FRAMEABLE_POLICY = CONTENT_SECURITY_POLICY.replace(
  "frame-ancestors 'none'",
  "frame-ancestors 'self'",
);

const contentSecurityPolicy = (): MiddlewareObj<HttpEvent, HttpResult> => {
  const set = (request: { response: HttpResult | undefined | null }) => {
    if (!request.response) return;
    const own = request.response.headers?.['Content-Security-Policy'];
    request.response.headers = {
      ...request.response.headers,
      'Content-Security-Policy': own === FRAMEABLE_POLICY ? own : CONTENT_SECURITY_POLICY,
    };
  };
  return { after: set, onError: set };
};

/** X-Frame-Options agreeing with a frameable answer's policy (the security headers say DENY). */
const sameOriginFraming = (): MiddlewareObj<HttpEvent, HttpResult> => ({
  after: (request) => {
    const headers = request.response?.headers;
    if (headers?.['Content-Security-Policy'] === FRAMEABLE_POLICY) headers['X-Frame-Options'] = 'SAMEORIGIN';
  },
});

/** Public pages may be kept a minute by browsers and shared caches; nothing here is private. */
export const PAGE_CACHE = 'public, max-age=60';

export const page = (statusCode: number, body: string, headers: Record<string, string> = {}): HttpResult => ({
  statusCode,
  headers: { 'content-type': HTML, 'cache-control': PAGE_CACHE, ...headers },
  body,
});

/** Not found, in the language of the page asked for. */
export class PageNotFound extends Error {
  readonly lang: Lang;
  constructor(lang: Lang) {
    super('not found');
    this.lang = lang;
  }
}

export interface ErrorPages {
  notFound(lang: Lang): string;
  error(lang: Lang): string;
}

/** The UI language of a request that failed before its handler knew it: the path's first segment. */
const langOfPath = (path: string): Lang => {
  const first = path.split('/').filter(Boolean)[0];
  return isLang(first) ? first : 'en';
};

const htmlErrors = (pages: ErrorPages): MiddlewareObj<HttpEvent, HttpResult> => ({
  onError: (request) => {
    const error = request.error as (Error & { statusCode?: number }) | null;
    const path = request.event.rawPath ?? '/';
    if (error instanceof PageNotFound) {
      request.response = page(404, pages.notFound(error.lang));
      return;
    }
    const status = error instanceof Problem ? error.status : error?.statusCode;
    if (status === 404) {
      request.response = page(404, pages.notFound(langOfPath(path)));
      return;
    }
    if (status !== undefined && status >= 400 && status < 500) {
      request.response = page(status, pages.error(langOfPath(path)), { 'cache-control': 'no-store' });
      return;
    }
    logger.error('unhandled error', { error: error as Error, path });
    // An error page says nothing worth keeping: never cached.
    request.response = page(500, pages.error(langOfPath(path)), { 'cache-control': 'no-store' });
  },
});

export function webApp(routes: HttpRoute[], pages: ErrorPages) {
  return (
    middy<HttpEvent, HttpResult, Error, Context>()
      // First, so that its `after` runs last, over what the security headers set.
      .use(sameOriginFraming())
      // `same-origin` rather than the API's `no-referrer`: under `no-referrer` a browser sends
      // `Origin: null` with the pages' own form posts, and the Origin check could not tell them apart.
      .use(httpSecurityHeaders({ contentSecurityPolicy: false, referrerPolicy: { policy: 'same-origin' } }))
      .use(contentSecurityPolicy())
      .use(htmlErrors(pages))
      .handler(
        httpRouterHandler(routes) as unknown as (event: HttpEvent, context: Context) => Promise<HttpResult>,
      )
  );
}
