/**
 * The console's registries (officers): a GA session's agenda and loading one, the numbering series
 * and moving one forward, every subscription and its deliveries. Each acts with the API's own calls:
 * the agenda store's put (putAgenda), the counters' setNext (setSeries, forward only), the
 * subscriptions service (as an officer, who sees every subscription).
 */
import { AgendaTooLargeError } from '../adapters/agenda-store.ts';
import { agendaSchema } from '../domain/agenda.ts';
import { DomainError } from '../domain/errors.ts';
import { MAX_SESSION, seriesUpdateSchema } from '../domain/series.ts';
import { fill } from '../domain/strings.ts';
import type { Page } from '../domain/subscriptions-service.ts';
import type { HttpResult } from '../http/http-api.ts';
import type { Handlers } from '../http/router.ts';
import { page } from './app.ts';
import { consolePath } from './console-nav.ts';
import {
  agendasPage,
  seriesConfirmPage,
  seriesPage,
  subscriptionPage,
  subscriptionsPage,
} from './console-registries-pages.ts';
import { PRIVATE, seeOther, type WebKit } from './kit.ts';
import type { FieldErrors, PageContext } from './markup.ts';
import { messages } from './messages.ts';
import { notFoundPage } from './pages.ts';

export type ConsoleRegistriesOperation =
  | 'webConsoleAgendas'
  | 'webConsoleAgendaLoad'
  | 'webConsoleSeries'
  | 'webConsoleSeriesConfirm'
  | 'webConsoleSeriesMove'
  | 'webConsoleSubscriptions'
  | 'webConsoleSubscription';

/** Subscriptions, or deliveries, per console page. */
export const CONSOLE_PAGE = 25;

/** An agenda file's form: room for the largest agenda the store keeps, escaped, and the other fields. */
export const MAX_AGENDA_FORM_BYTES = 1024 * 1024;

/** A session number as typed, or undefined. */
const sessionNumber = (value: string | undefined): number | undefined => {
  const text = value?.trim() ?? '';
  return /^[1-9]\d{0,2}$/.test(text) && Number(text) <= MAX_SESSION ? Number(text) : undefined;
};

/** Where a problem of the agenda file is: `items › 3 › title › fr`. */
const pathOf = (path: readonly PropertyKey[]) => path.map(String).join(' › ') || '/';

export function consoleRegistriesHandlers({
  deps,
  signedIn,
  signedInForm,
}: WebKit): Pick<Handlers<'web'>, ConsoleRegistriesOperation> {
  const { agendas, counters, subscriptions } = deps;

  const sortedSeries = async () =>
    (await counters.list()).sort((a, b) => a.series.localeCompare(b.series, 'en', { numeric: true }));

  /** A move as the API would check it: the series page with the problems, or the move. */
  async function checkedMove(
    ctx: PageContext,
    values: { series: string; next: string },
  ): Promise<{ response: HttpResult } | { series: string; next: number }> {
    const t = messages(ctx.lang).registries;
    const parsed = seriesUpdateSchema.safeParse({
      series: values.series,
      next: /^\d{1,7}$/.test(values.next) ? Number(values.next) : Number.NaN,
    });
    if (parsed.success) return parsed.data;
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'series' ? 'series' : 'next';
      errors[field] = field === 'series' ? t.badSeries : t.badNext;
    }
    const series = await sortedSeries();
    return { response: page(422, seriesPage(ctx, { series, values, errors }), PRIVATE) };
  }

  const backwards = async (ctx: PageContext, series: string, next: number) => {
    const t = messages(ctx.lang).registries;
    return page(
      409,
      seriesPage(ctx, {
        series: await sortedSeries(),
        refused: fill(t.backwards, { series, last: String(next - 1) }),
      }),
      PRIVATE,
    );
  };

  /** A page of a list, or undefined for a cursor the list did not hand out. */
  async function pageOrInvalid<T>(read: () => Promise<Page<T>>): Promise<Page<T> | undefined> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'malformed') return undefined;
      throw error;
    }
  }

  return {
    webConsoleAgendas: async ({ event, params, query }) => {
      const found = await signedIn(event, params.lang, ['officer']);
      if ('response' in found) return found.response;
      const { ctx } = found;
      const typed = query.session?.trim() || undefined;
      if (typed === undefined) return page(200, agendasPage(ctx, {}), PRIVATE);
      const session = sessionNumber(typed);
      if (session === undefined) {
        return page(400, agendasPage(ctx, { session: typed, badQuery: true }), PRIVATE);
      }
      const agenda = await agendas.get(session);
      return page(
        200,
        agendasPage(ctx, { session: String(session), ...(agenda ? { agenda } : {}) }),
        PRIVATE,
      );
    },

    webConsoleAgendaLoad: async ({ event, params }) => {
      const found = await signedInForm(event, params.lang, ['officer'], MAX_AGENDA_FORM_BYTES);
      if ('response' in found) return found.response;
      const { ctx, form } = found;
      const t = messages(ctx.lang).registries;
      const typedSession = form.get('session')?.trim() ?? '';
      const text = form.get('text') ?? '';
      const file = form.get('file') ?? '';
      // A chosen file wins over the text box, as the form says.
      const [field, json] = file.trim() ? ['file', file] : ['text', text];
      const errors: Record<string, string> = {};
      const session = sessionNumber(typedSession);
      if (session === undefined) errors.session = t.badSession;
      let agenda: ReturnType<typeof agendaSchema.parse> | undefined;
      if (!json.trim()) errors.text = t.noAgendaGiven;
      else {
        let value: unknown;
        try {
          value = JSON.parse(json);
        } catch {
          errors[field] = t.notJson;
        }
        if (!errors[field]) {
          const parsed = agendaSchema.safeParse(value);
          if (parsed.success) agenda = parsed.data;
          else {
            const where = [...new Set(parsed.error.issues.map((issue) => pathOf(issue.path)))].slice(0, 5);
            errors[field] = where.map((path) => fill(t.notAgenda, { path })).join(' ');
          }
        }
      }
      const again = (problems: FieldErrors) =>
        page(422, agendasPage(ctx, { load: typedSession, text, errors: problems }), PRIVATE);
      if (session === undefined || !agenda) return again(errors);
      try {
        await agendas.put(session, agenda, new Date().toISOString());
      } catch (error) {
        if (!(error instanceof AgendaTooLargeError)) throw error;
        return again({ [field]: t.tooLarge });
      }
      return seeOther(`${consolePath(ctx, 'agendas')}?${new URLSearchParams({ session: String(session) })}`);
    },

    webConsoleSeries: async ({ event, params }) => {
      const found = await signedIn(event, params.lang, ['officer']);
      if ('response' in found) return found.response;
      return page(200, seriesPage(found.ctx, { series: await sortedSeries() }), PRIVATE);
    },

    webConsoleSeriesConfirm: async ({ event, params, query }) => {
      const found = await signedIn(event, params.lang, ['officer']);
      if ('response' in found) return found.response;
      const { ctx } = found;
      const move = await checkedMove(ctx, {
        series: query.series?.trim() ?? '',
        next: query.next?.trim() ?? '',
      });
      if ('response' in move) return move.response;
      const current = await counters.get(move.series);
      if (move.next < current.next) return backwards(ctx, move.series, current.next);
      return page(
        200,
        seriesConfirmPage(ctx, { series: move.series, from: current.next, to: move.next }),
        PRIVATE,
      );
    },

    webConsoleSeriesMove: async ({ event, params }) => {
      const found = await signedInForm(event, params.lang, ['officer']);
      if ('response' in found) return found.response;
      const { ctx, form } = found;
      const move = await checkedMove(ctx, {
        series: form.get('series')?.trim() ?? '',
        next: form.get('next')?.trim() ?? '',
      });
      if ('response' in move) return move.response;
      const result = await counters.setNext(move.series, move.next);
      if (!result.ok) return backwards(ctx, move.series, result.current.next);
      return seeOther(consolePath(ctx, 'series'));
    },

    webConsoleSubscriptions: async ({ event, params, query }) => {
      const found = await signedIn(event, params.lang, ['officer']);
      if ('response' in found) return found.response;
      const { ctx, caller } = found;
      const cursor = query.cursor?.trim() || undefined;
      const listed = await pageOrInvalid(() =>
        subscriptions.listAll(caller, { limit: CONSOLE_PAGE, ...(cursor ? { cursor } : {}) }),
      );
      if (!listed) return page(400, subscriptionsPage(ctx, { items: [], invalid: true }), PRIVATE);
      return page(
        200,
        subscriptionsPage(ctx, {
          items: listed.items,
          ...(listed.next ? { next: listed.next } : {}),
          ...(cursor ? { first: true } : {}),
        }),
        PRIVATE,
      );
    },

    webConsoleSubscription: async ({ event, params, query }) => {
      const found = await signedIn(event, params.lang, ['officer']);
      if ('response' in found) return found.response;
      const { ctx, caller } = found;
      const cursor = query.cursor?.trim() || undefined;
      let subscription: Awaited<ReturnType<typeof subscriptions.get>>;
      try {
        subscription = await subscriptions.get(caller, params.id);
      } catch (error) {
        if (error instanceof DomainError && error.kind === 'not-found') {
          return page(404, notFoundPage(ctx), PRIVATE);
        }
        throw error;
      }
      const listed = await pageOrInvalid(() =>
        subscriptions.deliveries(caller, subscription.id, () => ({
          limit: CONSOLE_PAGE,
          ...(cursor ? { cursor } : {}),
        })),
      );
      if (!listed) {
        return page(400, subscriptionPage(ctx, { subscription, deliveries: [], invalid: true }), PRIVATE);
      }
      return page(
        200,
        subscriptionPage(ctx, {
          subscription,
          deliveries: listed.items,
          ...(listed.next ? { next: listed.next } : {}),
          ...(cursor ? { first: true } : {}),
        }),
        PRIVATE,
      );
    },
  };
}
