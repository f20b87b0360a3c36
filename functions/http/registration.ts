/**
 * The registration routes: `POST /v1/submissions/{id}/register` (officers) turns a received
 * submission into a numbered document and answers with it (201; 200 with the same document when
 * it was already registered).
 */

import type { Registrar } from '../domain/registrar.ts';
import { registerRequestSchema } from '../domain/registration.ts';
import { actorOf, requireRole } from './caller.ts';
import type { HttpEvent, HttpRoute } from './http-api.ts';
import { registeredResponse } from './registration-support.ts';
import { parseBody } from './request-validation.ts';

export function registrationRoutes(registrar: Registrar): HttpRoute[] {
  return [
    {
      method: 'POST',
      path: '/v1/submissions/{id}/register',
      handler: async (event: HttpEvent) => {
        const caller = requireRole(event, 'officer');
        const { issued } = parseBody(event, registerRequestSchema);
        const id = event.pathParameters?.id ?? '';
        const registered = await registrar.register(id, {
          ...(issued ? { issued } : {}),
          actor: actorOf(caller),
        });
        return registeredResponse(registered);
      },
    },
  ];
}
