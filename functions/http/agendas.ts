/**
 * `PUT /v1/agendas/GA/{session}` (officers) loads a session's agenda, replacing the one loaded before;
 * `GET` returns it. Registration checks a GA document's agenda items against it and takes the six
 * titles the masthead prints from it.
 */
import { type AgendaStore, AgendaTooLargeError } from '../adapters/agenda-store.ts';
import { MAX_SESSION } from '../domain/series.ts';
import { json } from './http-api.ts';
import { Problem } from './problem.ts';
import type { Handlers } from './router.ts';

export interface AgendaDeps {
  agendas: AgendaStore;
  clock?: () => Date;
}

/** The session of the path, or a 422 naming the path parameter that is wrong. */
function sessionOf(params: { organ: string; session: string }): number {
  const { organ } = params;
  if (organ !== 'GA') {
    throw Problem.invalid(422, `Distr keeps agendas for General Assembly sessions only, not "${organ}".`, [
      { name: 'organ', reason: 'must be GA' },
    ]);
  }
  const text = params.session;
  const session = Number(text);
  if (!/^[1-9]\d{0,2}$/.test(text) || session > MAX_SESSION) {
    throw Problem.invalid(422, `"${text}" is not a GA session.`, [
      { name: 'session', reason: `must be a session number from 1 to ${MAX_SESSION}, as in 79` },
    ]);
  }
  return session;
}

export function agendaHandlers({
  agendas,
  clock = () => new Date(),
}: AgendaDeps): Pick<Handlers, 'putAgenda' | 'getAgenda'> {
  return {
    putAgenda: async ({ params, body }) => {
      const session = sessionOf(params);
      try {
        return json(200, await agendas.put(session, body, clock().toISOString()));
      } catch (error) {
        if (error instanceof AgendaTooLargeError) throw new Problem(413, error.message);
        throw error;
      }
    },
    getAgenda: async ({ params }) => {
      const session = sessionOf(params);
      const agenda = await agendas.get(session);
      if (!agenda) throw new Problem(404, `No agenda is loaded for GA session ${session}.`);
      return json(200, agenda);
    },
  };
}
