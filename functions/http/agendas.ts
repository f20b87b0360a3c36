/**
 * `PUT /v1/agendas/GA/{session}` (officers) loads a session's agenda, replacing the one loaded before;
 * `GET` returns it. Registration checks a GA document's agenda items against it and takes the six
 * titles the masthead prints from it.
 */
import { type AgendaStore, AgendaTooLargeError } from '../adapters/agenda-store.ts';
import { json } from './http-api.ts';
import { Problem } from './problem.ts';
import type { Handlers } from './router.ts';

export interface AgendaDeps {
  agendas: AgendaStore;
  clock?: () => Date;
}

export function agendaHandlers({
  agendas,
  clock = () => new Date(),
}: AgendaDeps): Pick<Handlers<'api'>, 'putAgenda' | 'getAgenda'> {
  return {
    putAgenda: async ({ params, body }) => {
      const { session } = params;
      try {
        return json(200, await agendas.put(session, body, clock().toISOString()));
      } catch (error) {
        if (error instanceof AgendaTooLargeError) throw new Problem(413, error.message);
        throw error;
      }
    },
    getAgenda: async ({ params }) => {
      const { session } = params;
      const agenda = await agendas.get(session);
      if (!agenda) throw new Problem(404, `No agenda is loaded for GA session ${session}.`);
      return json(200, agenda);
    },
  };
}
