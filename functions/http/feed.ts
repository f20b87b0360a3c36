/**
 * `GET /v1/feeds/documents.atom`: the latest distributed documents as Atom 1.0, with the search's
 * filters (`?organ=GA&session=79`…) and its paging (`rel="next"` carries the cursor).
 */

import { ATOM_CONTENT_TYPE, atomFeed } from '../domain/atom-feed.ts';
import type { DistributionDeps } from './distribution.ts';
import { searchPage } from './public-documents.ts';
import type { Handlers } from './router.ts';

const FEED_PATH = '/v1/feeds/documents.atom';

export function feedHandlers(
  { distribution: service, config }: DistributionDeps,
  now = () => new Date(),
): Pick<Handlers<'api'>, 'documentsFeed'> {
  return {
    documentsFeed: async ({ event, query }) => {
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
  };
}
