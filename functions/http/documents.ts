/**
 * Routes on one document, `/v1/documents/{proxy+}`: the path is a symbol (any of the document's,
 * or the joint form; hyphen or en dash; percent-encoded or not) followed by an action. Symbols hold
 * slashes, so API Gateway hands over the rest of the path and `splitDocumentPath` takes the longest
 * leading run that forms a symbol: `A/79/923-S/2025/341/followups` → symbol + `followups`.
 *
 * ACTIONS maps `METHOD action` to its handler; distribution and translations (`GET` of the document
 * itself, `POST distribute`, `PUT versions/{lang}`) slot in there. Anything else is a 404 problem.
 */
import type { Registrar } from '../domain/registrar.ts';
import { followupRequestSchema } from '../domain/registration.ts';
import { type DocumentPath, SymbolSyntaxError, splitDocumentPath } from '../domain/symbols.ts';
import { actorOf, requireRole } from './caller.ts';
import { type DistributionDeps, distributionActionsFor } from './distribution.ts';
import type { HttpEvent, HttpResult, HttpRoute } from './http-api.ts';
import { idempotencyKeyOf } from './idempotency-key.ts';
import { Problem } from './problem.ts';
import { registeredResponse } from './registration-support.ts';
import { parseBody } from './request-validation.ts';

export type DocumentDeps = DistributionDeps & { registrar: Registrar };

interface ActionContext {
  event: HttpEvent;
  path: DocumentPath;
  registrar: Registrar;
}

type Action = (context: ActionContext) => Promise<HttpResult>;

export const ACTIONS: Record<string, Action> = {
  'POST followups': async ({ event, path, registrar }) => {
    const caller = requireRole(event, 'officer');
    const { type, issued } = parseBody(event, followupRequestSchema);
    const key = idempotencyKeyOf(event);
    return registeredResponse(
      await registrar.followup(path.symbol, {
        type,
        ...(issued ? { issued } : {}),
        ...(key ? { idempotencyKey: key } : {}),
        actor: actorOf(caller),
      }),
    );
  },
};

export function documentRoutes(deps: DocumentDeps): HttpRoute[] {
  // Translations, distribution and the document's own `GET ` (the role decides) slot in (distribution.ts).
  const actions: Record<string, Action> = { ...ACTIONS, ...distributionActionsFor(deps) };
  const { registrar } = deps;
  const dispatch = async (event: HttpEvent) => {
    const method = event.requestContext.http.method;
    const raw = event.pathParameters?.proxy ?? '';
    let path: DocumentPath;
    try {
      path = splitDocumentPath(raw);
    } catch (error) {
      if (!(error instanceof SymbolSyntaxError)) throw error;
      // Whoever asks, a path that names no document is simply not found; the reason helps a typo.
      throw new Problem(404, `No document at ${raw}: ${error.reason}.`);
    }
    const action = actions[`${method} ${path.rest.join('/')}`];
    if (!action) throw new Problem(404, `No route for ${method} ${event.rawPath}.`);
    return action({ event, path, registrar });
  };
  return (['GET', 'POST', 'PUT'] as const).map((method) => ({
    method,
    path: '/v1/documents/{proxy+}',
    handler: dispatch,
  }));
}
