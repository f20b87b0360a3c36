/**
 * `GET /v1/series` and `PUT /v1/series` (officers): the numbering series and the next number each
 * hands out. A series only moves forward: setting `next` below a number already given is a 409.
 */
import type { CounterStore } from '../adapters/counter-store.ts';
import { json } from './http-api.ts';
import { Problem } from './problem.ts';
import type { Handlers } from './router.ts';

export function seriesHandlers(counters: CounterStore): Pick<Handlers<'api'>, 'listSeries' | 'setSeries'> {
  return {
    listSeries: async () => {
      const series = (await counters.list()).sort((a, b) =>
        a.series.localeCompare(b.series, 'en', { numeric: true }),
      );
      return json(200, { series });
    },
    setSeries: async ({ body: { series, next } }) => {
      const result = await counters.setNext(series, next);
      if (!result.ok) {
        const { next: current } = result.current;
        throw new Problem(
          409,
          `${series} has already handed out numbers up to ${current - 1}; it only moves forward.`,
          {
            invalidParams: [
              { name: '/next', reason: `must be at least ${current}, the next number of ${series}` },
            ],
            extra: { current: result.current },
          },
        );
      }
      return json(200, result.state);
    },
  };
}
