/**
 * Routes on one document, `/v1/documents/{proxy+}`: the path is a symbol (any of the document's,
 * or the joint form; hyphen or en dash; percent-encoded or not) followed by an action. Symbols hold
 * slashes, so API Gateway hands over the rest of the path and `splitDocumentPath` takes the longest
 * leading run that forms a symbol: `A/79/923-S/2025/341/followups` → symbol + `followups`.
 *
 * ACTIONS maps `METHOD action` to its handler; distribution and translations (`POST distribute`,
 * `PUT versions/{lang}`) slot in there. Anything else is a 404 problem.
 */
import { createDocumentStore } from '../adapters/document-store.ts';
import type { DocumentPort, Registrar } from '../domain/registrar.ts';
import { followupRequestSchema, type RegisteredDocument } from '../domain/registration.ts';
import { type DocumentPath, SymbolSyntaxError, splitDocumentPath } from '../domain/symbols.ts';
import { actorOf, callerOf, requireRole } from './caller.ts';
import { type DistributionDeps, distributionActionsFor } from './distribution.ts';
import { type HttpEvent, type HttpResult, type HttpRoute, json } from './http-api.ts';
import { idempotencyKeyOf } from './idempotency-key.ts';
import { Problem } from './problem.ts';
import { registeredResponse, registrarFor } from './registration-support.ts';
import { parseBody } from './request-validation.ts';

export type DocumentDeps = DistributionDeps;

interface ActionContext {
  event: HttpEvent;
  path: DocumentPath;
  documents: DocumentPort;
  registrar: Registrar;
}

type Action = (context: ActionContext) => Promise<HttpResult>;

/** The same answer whether the document does not exist or the caller may not see it. */
const notFound = (symbol: string) => new Problem(404, `There is no document ${symbol}.`);

/** Officers see every document; everyone else only distributed ones. */
async function visibleDocument({ event, path, documents }: ActionContext): Promise<RegisteredDocument> {
  const caller = callerOf(event);
  if (caller.authError) requireRole(event, 'officer'); // throws the 401 that explains the bad token
  const document = await documents.findBySymbol(path.symbol);
  if (!document) throw notFound(path.symbol);
  if (caller.role !== 'officer' && document.status !== 'distributed') throw notFound(path.symbol);
  return document;
}

export const ACTIONS: Record<string, Action> = {
  'GET ': async (context) => json(200, await visibleDocument(context)),

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
  // Translations and distribution slot in (distribution.ts); their `GET ` (the role decides) replaces the one above.
  const actions: Record<string, Action> = { ...ACTIONS, ...distributionActionsFor(deps) };
  const documents = createDocumentStore(deps.db, deps.config.tableName);
  const registrar = registrarFor(deps);
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
    return action({ event, path, documents, registrar });
  };
  return (['GET', 'POST', 'PUT'] as const).map((method) => ({
    method,
    path: '/v1/documents/{proxy+}',
    handler: dispatch,
  }));
}
