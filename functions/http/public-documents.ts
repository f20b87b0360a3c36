/**
 * What anyone may read, without credentials, of distributed documents (anything else is a 404):
 *   GET /v1/documents/{symbol}   the public metadata (what distribution.ts answers non-officers)
 *   GET /{lang}/{symbol}         the persistent URL in the QR code: 302 to a presigned URL of the PDF
 *   GET /v1/documents            search: organ, session, agendaItem, year, symbol, job, q, lang, from, to,
 *                                sort, limit, cursor
 */
import type { SearchPage } from '../adapters/search-index.ts';
import type { Config } from '../config.ts';
import type { Lang } from '../domain/languages.ts';
import { withLinks } from '../domain/public-document.ts';
import type { SearchQuery } from '../domain/search.ts';
import { pdfFileName } from '../domain/storage-keys.ts';
import { SymbolSyntaxError, splitDocumentPath } from '../domain/symbols.ts';
import type { DistributionService } from '../wiring/distribution.ts';
import type { DistributionDeps } from './distribution.ts';
import { type HttpEvent, type HttpResult, json } from './http-api.ts';
import { Problem } from './problem.ts';
import type { Handlers } from './router.ts';

const notFound = (symbol: string) => new Problem(404, `There is no document ${symbol}.`);

/** Metadata of a distributed document; a registered one is as absent as an unknown one. */
export async function publicDocument(
  service: DistributionService,
  config: Config,
  symbol: string,
): Promise<HttpResult> {
  const found = await service.distributor.publicMetadata(symbol);
  if (!found) throw notFound(symbol);
  return json(200, withLinks(found.metadata, config.publicUrl), { 'cache-control': 'public, max-age=60' });
}

export async function searchPage(service: DistributionService, query: SearchQuery): Promise<SearchPage> {
  return service.search.search(query);
}

export function publicHandlers({
  distribution: service,
  config,
}: DistributionDeps): Pick<Handlers<'api'>, 'searchDocuments' | 'persistentUrl'> {
  return {
    searchDocuments: async ({ event, query }) => {
      const page = await searchPage(service, query);
      const next = page.cursor
        ? `${config.publicUrl}/v1/documents?${new URLSearchParams({
            ...(event.queryStringParameters as Record<string, string>),
            cursor: page.cursor,
          })}`
        : undefined;
      return json(200, {
        items: page.items.map((metadata) => withLinks(metadata, config.publicUrl)),
        ...(page.cursor ? { cursor: page.cursor, next } : {}),
      });
    },
    persistentUrl: ({ event, params }) =>
      persistentUrl(service, params.lang, params.proxy).catch((error: unknown) => {
        // A person following a printed link gets the site's not-found page in that language.
        if (error instanceof Problem && error.status === 404 && wantsHtml(event)) {
          const path = params.proxy.split('/').map(encodeURIComponent).join('/');
          return {
            statusCode: 302,
            headers: { location: `/${params.lang}/documents/${path}`, 'cache-control': 'no-store' },
            body: '',
          };
        }
        throw error;
      }),
  };
}

/** A browser asks for HTML first; API clients, and fetch's default of any type, get problem+json. */
const wantsHtml = (event: HttpEvent) => /^\s*text\/html\b/i.test(event.headers?.accept ?? '');

/** The persistent URL printed in QR codes: 302 to a short-lived URL of the PDF. */
async function persistentUrl(service: DistributionService, lang: Lang, raw: string): Promise<HttpResult> {
  let symbol: string;
  try {
    const path = splitDocumentPath(raw);
    if (path.rest.length > 0) throw new Problem(404, `No document at ${raw}.`);
    symbol = path.symbol;
  } catch (error) {
    if (error instanceof SymbolSyntaxError) throw new Problem(404, `No document at ${raw}: ${error.reason}.`);
    throw error;
  }
  const found = await service.distributor.publicPdf(symbol, lang);
  if (!found) {
    const document = await service.distributor.publicMetadata(symbol);
    throw document
      ? new Problem(404, `${document.metadata.symbol} was not issued in ${lang}.`)
      : notFound(symbol);
  }
  const url = await service.pdfs.presignGet(found.pdf.key, {
    fileName: pdfFileName(found.document.symbols, lang),
    ...(found.pdf.versionId ? { versionId: found.pdf.versionId } : {}),
  });
  // The signed URL expires: never let a cache keep the redirect.
  return { statusCode: 302, headers: { location: url, 'cache-control': 'no-store' }, body: '' };
}
