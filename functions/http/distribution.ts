/**
 * The document's own actions, which the router finds after the symbol:
 *   PUT  …/versions/{lang}  one language version in (201) or replaced (200); 409 once distributed
 *   POST …/distribute       202 with the distribution's state (200 if it was already distributed)
 *   GET  …                  (officers) the document with its versions, which are in and which are
 *                           missing, and the distribution's progress; others get the public metadata.
 */
import { z } from 'zod';
import type { Config } from '../config.ts';
import { versionsInfo } from '../domain/distribution.ts';
import type { Distributor } from '../domain/distributor.ts';
import { versionSchema } from '../domain/document.ts';
import { versionPath } from '../domain/document-urls.ts';
import type { RegisteredDocument } from '../domain/registration.ts';
import type { DistributionService } from '../wiring/distribution.ts';
import { actorOf } from './caller.ts';
import { json } from './http-api.ts';
import { Problem } from './problem.ts';
import { publicDocument } from './public-documents.ts';
import type { Handlers } from './router.ts';

/** The one distribution service of the Lambda, shared by the document actions and the public routes. */
export interface DistributionDeps {
  config: Config;
  distribution: DistributionService;
}

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

export function distributionHandlers({
  distribution,
  config,
}: DistributionDeps): Pick<Handlers<'api'>, 'getDocument' | 'distribute' | 'putVersion'> {
  const { distributor } = distribution;
  return {
    // Officers see the whole document wherever it stands; everyone else its public metadata.
    getDocument: async ({ caller, params: { symbol } }) => {
      if (caller.role !== 'officer') return publicDocument(distribution, config, symbol);
      const document = await distributor.find(symbol);
      if (!document) throw new Problem(404, `There is no document ${symbol}.`);
      return json(200, await officerView(distributor, document));
    },

    distribute: async ({ caller, params, body }) => {
      const { state, accepted } = await distributor.distribute(params.symbol, body, actorOf(caller));
      return json(accepted ? 202 : 200, state);
    },

    putVersion: async ({ params: { symbol, lang }, body: version }) => {
      const { document, created } = await distributor.putVersion(symbol, lang, version);
      const { in: versionsIn, missing: versionsMissing } = versionsInfo(document);
      return json(
        created ? 201 : 200,
        { symbol: document.symbol, lang, version, versionsIn, versionsMissing },
        created ? { location: versionPath(document.symbol, lang) } : {},
      );
    },
  };
}
