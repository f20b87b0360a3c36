/**
 * Officer actions on one document, dispatched by documents.ts after the symbol:
 *   PUT  …/versions/{lang}  one language version in (201) or replaced (200); 409 once distributed
 *   POST …/distribute       202 with the distribution's state (200 if it was already distributed)
 *   GET  …                  (officers) the document with its versions, which are in and which are
 *                           missing, and the distribution's progress; others get the public metadata.
 */
import { z } from 'zod';
import type { Config } from '../config.ts';
import { distributeRequestSchema, versionsInfo } from '../domain/distribution.ts';
import type { Distributor } from '../domain/distributor.ts';
import { versionSchema } from '../domain/document.ts';
import { versionPath } from '../domain/document-urls.ts';
import { LANGUAGES, type Lang } from '../domain/languages.ts';
import type { RegisteredDocument } from '../domain/registration.ts';
import type { DocumentPath } from '../domain/symbols.ts';
import type { DistributionService } from '../wiring/distribution.ts';
import { actorOf, callerOf, requireRole } from './caller.ts';
import { feedRoutes } from './feed.ts';
import { type HttpEvent, type HttpResult, type HttpRoute, json } from './http-api.ts';
import { Problem } from './problem.ts';
import { persistentUrlRoutes, publicDocument, searchRoutes } from './public-documents.ts';
import { parseBody } from './request-validation.ts';

/** The one distribution service of the Lambda, shared by the document actions and the public routes. */
export interface DistributionDeps {
  config: Config;
  distribution: DistributionService;
}

export interface DocumentActionContext {
  event: HttpEvent;
  path: DocumentPath;
}
export type DocumentAction = (context: DocumentActionContext) => Promise<HttpResult>;

/**
 * A version is stored as one DynamoDB item (at most 400 KB): its JSON may take 300,000 bytes, room
 * for the longest letter the UN takes (10,700 words) in any of the six scripts, with the item's
 * own fields to spare.
 */
export const MAX_VERSION_BYTES = 300_000;

// Unknown fields are refused rather than silently dropped: a misspelt `signature` would vanish.
export const versionBodySchema = z
  .strictObject({
    ...versionSchema.shape,
    // As a submission's title.
    title: versionSchema.shape.title.max(2_000),
  })
  .superRefine((version, ctx) => {
    const bytes = Buffer.byteLength(JSON.stringify(version), 'utf8');
    if (bytes > MAX_VERSION_BYTES) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `the version is ${bytes} bytes of JSON; at most ${MAX_VERSION_BYTES} can be stored`,
      });
    }
  });

/** The officer's view: the document plus where it stands. */
async function officerView(distributor: Distributor, document: RegisteredDocument) {
  const { in: versionsIn, missing: versionsMissing } = versionsInfo(document);
  return {
    ...document,
    versionsIn,
    versionsMissing,
    distributionProgress: await distributor.state(document),
  };
}

/** The actions, keyed as documents.ts dispatches them (`METHOD action`). */
export function distributionActions(
  service: DistributionService,
  config: Config,
): Record<string, DocumentAction> {
  const { distributor } = service;

  const putVersion =
    (lang: Lang): DocumentAction =>
    async ({ event, path }) => {
      requireRole(event, 'officer');
      const version = parseBody(event, versionBodySchema);
      const { document, created } = await distributor.putVersion(path.symbol, lang, version);
      const { in: versionsIn, missing: versionsMissing } = versionsInfo(document);
      return json(
        created ? 201 : 200,
        { symbol: document.symbol, lang, version, versionsIn, versionsMissing },
        created ? { location: versionPath(document.symbol, lang) } : {},
      );
    };

  const actions: Record<string, DocumentAction> = {
    'GET ': async (context) => {
      const caller = callerOf(context.event);
      if (caller.authError) requireRole(context.event, 'officer'); // the 401 that explains the bad token
      if (caller.role !== 'officer') return publicDocument(service, config, context.path.symbol);
      const document = await distributor.find(context.path.symbol);
      if (!document) throw new Problem(404, `There is no document ${context.path.symbol}.`);
      return json(200, await officerView(distributor, document));
    },

    'POST distribute': async ({ event, path }) => {
      const caller = requireRole(event, 'officer');
      const request = parseBody(event, distributeRequestSchema);
      const { state, accepted } = await distributor.distribute(path.symbol, request, actorOf(caller));
      return json(accepted ? 202 : 200, state);
    },

    ...Object.fromEntries(LANGUAGES.map((lang) => [`PUT versions/${lang}`, putVersion(lang)])),
  };
  return actions;
}

/** The actions documents.ts dispatches to, built once per cold start. */
export const distributionActionsFor = (deps: DistributionDeps) =>
  distributionActions(deps.distribution, deps.config);

/**
 * Search, the feed and, last, the persistent `/{lang}/{symbol}` URL. api.ts spreads this after every
 * other group, since that route matches any path of two or more segments.
 */
export function publicationRoutes(deps: DistributionDeps): HttpRoute[] {
  const service = deps.distribution;
  return [
    ...searchRoutes(service, deps.config),
    ...feedRoutes(service, deps.config),
    ...persistentUrlRoutes(service),
  ];
}
