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
import { fieldProblems } from '../domain/field-problems.ts';
import type { RegisteredDocument } from '../domain/registration.ts';
import { docxBase64 } from '../domain/submission.ts';
import { convertedDocx, type SubmissionPorts } from '../domain/submissions-service.ts';
import type { DistributionService } from '../wiring/distribution.ts';
import { actorOf } from './caller.ts';
import { json } from './http-api.ts';
import { invalidParams, Problem } from './problem.ts';
import { publicDocument } from './public-documents.ts';
import type { Handlers } from './router.ts';

/** The one distribution service of the Lambda, shared by the document actions and the public routes. */
export interface DistributionDeps {
  config: Config;
  distribution: DistributionService;
  /** Converts a version sent as a `.docx`. */
  submissions: Pick<SubmissionPorts, 'convertDocx'>;
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

/**
 * What `PUT …/versions/{lang}` takes: a version as above, or one whose body is a Word file
 * (`bodyDocx`, base64). From a file, the title, the signature and the annexes are the file's
 * unless the request gives them; the result is then checked as a version given in Markdown is.
 */
export const versionRequestSchema = z
  .strictObject({
    ...versionSchema.shape,
    title: versionSchema.shape.title.max(2_000).optional(),
    body: versionSchema.shape.body.optional(),
    bodyDocx: docxBase64.optional(),
  })
  .superRefine((request, ctx) => {
    if (request.bodyDocx === undefined) {
      // Without a file it is a version in Markdown, checked (and reported) exactly as one.
      const parsed = versionBodySchema.safeParse(request);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
        }
      }
    } else if (request.body !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['bodyDocx'],
        message: 'give the body once: as Markdown (body) or as a Word file (bodyDocx)',
      });
    }
  });

/** The version a request stands for: its own, or the one made from its `.docx`. */
async function versionOf(
  request: z.output<typeof versionRequestSchema>,
  convertDocx: Pick<SubmissionPorts, 'convertDocx'>,
): Promise<z.output<typeof versionBodySchema>> {
  const { bodyDocx, ...rest } = request;
  if (bodyDocx === undefined) return versionBodySchema.parse(rest);
  const { letter } = (await convertedDocx(convertDocx, bodyDocx, '/bodyDocx')).conversion;
  const merged = {
    ...rest,
    title: rest.title ?? letter.title,
    body: letter.body,
    ...((rest.signature ?? letter.signature) ? { signature: rest.signature ?? letter.signature } : {}),
    annexes: rest.annexes.length > 0 ? rest.annexes : letter.annexes,
  };
  const parsed = versionBodySchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  throw Problem.invalid(
    422,
    'The version made from the Word file is not valid.',
    invalidParams(fieldProblems(parsed.error.issues)),
  );
}

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
  submissions,
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

    putVersion: async ({ caller, params: { symbol, lang }, body }) => {
      const version = await versionOf(body, submissions);
      const { document, created } = await distributor.putVersion(symbol, lang, version, actorOf(caller));
      const { in: versionsIn, missing: versionsMissing } = versionsInfo(document);
      return json(
        created ? 201 : 200,
        { symbol: document.symbol, lang, version, versionsIn, versionsMissing },
        created ? { location: versionPath(document.symbol, lang) } : {},
      );
    },
  };
}
