/** The mission portal: the State's submissions, and one submission with its timeline. */
import { DomainError } from '../domain/errors.ts';
import { LANGUAGES } from '../domain/languages.ts';
import type { SubmissionRecord, SubmissionStatus } from '../domain/submission-record.ts';
import { SUBMISSION_STATUSES } from '../domain/submission-record.ts';
import { listSubmissionsFor, type SubmissionPage, viewSubmissionFor } from '../domain/submissions-service.ts';
import type { Handlers } from '../http/router.ts';
import { page } from './app.ts';
import { PRIVATE, type WebKit } from './kit.ts';
import { pagingOf } from './markup.ts';
import { notFoundPage } from './pages.ts';
import { portalPage, portalSubmissionPage } from './portal-pages.ts';

/** Submissions per portal page. */
export const PORTAL_PAGE = 25;

export type PortalOperation = 'webPortal' | 'webPortalSubmission';

export function portalHandlers({ deps, signedIn }: WebKit): Pick<Handlers<'web'>, PortalOperation> {
  const { distribution, submissions, documents } = deps;
  return {
    webPortal: async ({ event, params, query }) => {
      const { lang } = params;
      const found = await signedIn(event, lang, ['mission']);
      if ('response' in found) return found.response;
      const { active, ctx } = found;
      const state = active.session.state;
      if (!state) throw new Error('A mission session without a State');
      const status = (SUBMISSION_STATUSES as readonly string[]).includes(query.status ?? '')
        ? (query.status as SubmissionStatus)
        : undefined;
      const cursor = query.cursor?.trim() || undefined;
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
          ...pagingOf(keep, cursor, found2.cursor),
        }),
        PRIVATE,
      );
    },

    webPortalSubmission: async ({ event, params }) => {
      const { lang, id } = params;
      const found = await signedIn(event, lang, ['mission']);
      if ('response' in found) return found.response;
      const { active, ctx } = found;
      const state = active.session.state;
      if (!state) throw new Error('A mission session without a State');
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
          ...(registered
            ? {
                jobNumber: registered.jobNumber,
                versions: LANGUAGES.filter((l) => registered.versions[l] !== undefined),
              }
            : {}),
          ...(published ? { published: published.metadata } : {}),
        }),
        PRIVATE,
      );
    },
  };
}
