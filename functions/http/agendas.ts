/**
 * `PUT /v1/agendas/GA/{session}` (officers) loads a session's agenda, replacing the one loaded before;
 * `GET` returns it. Registration checks a GA document's agenda items against it and takes the six
 * titles the masthead prints from it.
 */
import { type AgendaStore, AgendaTooLargeError } from '../adapters/agenda-store.ts';
import { agendaSchema } from '../domain/agenda.ts';
import { MAX_SESSION } from '../domain/series.ts';
import { requireRole } from './caller.ts';
import { type HttpEvent, type HttpRoute, json } from './http-api.ts';
import { Problem } from './problem.ts';
import { parseBody } from './request-validation.ts';

export interface AgendaDeps {
  agendas: AgendaStore;
  clock?: () => Date;
}

/** The session of the path, or a 422 naming the path parameter that is wrong. */
function sessionOf(event: HttpEvent): number {
  const organ = event.pathParameters?.organ ?? '';
  if (organ !== 'GA') {
    throw Problem.invalid(422, `Distr keeps agendas for General Assembly sessions only, not "${organ}".`, [
      { name: 'organ', reason: 'must be GA' },
    ]);
  }
  const text = event.pathParameters?.session ?? '';
  const session = Number(text);
  if (!/^[1-9]\d{0,2}$/.test(text) || session > MAX_SESSION) {
    throw Problem.invalid(422, `"${text}" is not a GA session.`, [
      { name: 'session', reason: `must be a session number from 1 to ${MAX_SESSION}, as in 79` },
    ]);
  }
  return session;
}

export function agendaRoutes({ agendas, clock = () => new Date() }: AgendaDeps): HttpRoute[] {
  return [
    {
      method: 'PUT',
      path: '/v1/agendas/{organ}/{session}',
      handler: async (event: HttpEvent) => {
        requireRole(event, 'officer');
        const session = sessionOf(event);
        const agenda = parseBody(event, agendaSchema);
        try {
          return json(200, await agendas.put(session, agenda, clock().toISOString()));
        } catch (error) {
          if (error instanceof AgendaTooLargeError) throw new Problem(413, error.message);
          throw error;
        }
      },
    },
    {
      method: 'GET',
      path: '/v1/agendas/{organ}/{session}',
      handler: async (event: HttpEvent) => {
        // Agendas are public knowledge; any authenticated caller may read them.
        requireRole(event, 'officer', 'mission', 'subscriber');
        const session = sessionOf(event);
        const agenda = await agendas.get(session);
        if (!agenda) throw new Problem(404, `No agenda is loaded for GA session ${session}.`);
        return json(200, agenda);
      },
    },
  ];
}
