/**
 * Numbering (officers): `POST /v1/submissions/{id}/register` turns a received submission into a
 * numbered document, `POST /v1/documents/{symbol}/followups` gives a document its addendum,
 * corrigendum or revision. Both answer with the document: 201 with its Location when new, 200 with
 * the same document when it already was (a retry).
 */
import { documentPath } from '../domain/document-urls.ts';
import type { Registered, Registrar } from '../domain/registrar.ts';
import { actorOf } from './caller.ts';
import { type HttpResult, json } from './http-api.ts';
import { idempotencyKeyOf } from './idempotency-key.ts';
import type { Handlers } from './router.ts';

const registeredResponse = ({ document, created }: Registered): HttpResult =>
  json(created ? 201 : 200, document, created ? { location: documentPath(document.symbol) } : {});

export function registrationHandlers(registrar: Registrar): Pick<Handlers<'api'>, 'register' | 'followup'> {
  return {
    register: async ({ caller, params, body: { issued } }) =>
      registeredResponse(
        await registrar.register(params.id, { ...(issued ? { issued } : {}), actor: actorOf(caller) }),
      ),
    followup: async ({ event, caller, params, body: { type, issued } }) => {
      const key = idempotencyKeyOf(event);
      return registeredResponse(
        await registrar.followup(params.symbol, {
          type,
          ...(issued ? { issued } : {}),
          ...(key ? { idempotencyKey: key } : {}),
          actor: actorOf(caller),
        }),
      );
    },
  };
}
