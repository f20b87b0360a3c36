/**
 * `GET /v1/feeds/documents.atom`: the latest distributed documents as Atom 1.0, with the search's
 * filters (`?organ=GA&session=79`…) and its paging (`rel="next"` carries the cursor).
 */

import type { Config } from '../config.ts';
import { ATOM_CONTENT_TYPE, atomFeed } from '../domain/atom-feed.ts';
import type { DistributionService } from '../wiring/distribution.ts';
import type { HttpEvent, HttpRoute } from './http-api.ts';
import { searchPage, searchQueryOf } from './public-documents.ts';

const FEED_PATH = '/v1/feeds/documents.atom';

export function feedRoutes(
  service: DistributionService,
  config: Config,
  now = () => new Date(),
): HttpRoute[] {
  return [
    {
      method: 'GET',
      path: FEED_PATH,
      handler: async (event: HttpEvent) => {
        const query = searchQueryOf(event);
        const page = await searchPage(service, query);
        const params = new URLSearchParams(event.queryStringParameters as Record<string, string> | undefined);
        params.sort();
        const selfUrl = `${config.publicUrl}${FEED_PATH}${params.size > 0 ? `?${params}` : ''}`;
        const next = page.cursor
          ? `${config.publicUrl}${FEED_PATH}?${new URLSearchParams({ ...Object.fromEntries(params), cursor: page.cursor })}`
          : undefined;
        return {
          statusCode: 200,
          headers: { 'content-type': ATOM_CONTENT_TYPE, 'cache-control': 'public, max-age=60' },
          body: atomFeed(page.items, {
            publicUrl: config.publicUrl,
            selfUrl,
            now: now(),
            ...(next ? { nextUrl: next } : {}),
          }),
        };
      },
    },
  ];
}
