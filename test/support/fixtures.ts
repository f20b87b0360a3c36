/**
 * The fixtures of test/fixtures/ as the tests read them: the design sample A/79/923-S/2025/341 as a
 * document file and as the mission's submission, the GA 79 agenda, and builders of documents and
 * events shaped like the sample. (The typesetting corpus is read by typeset.ts.)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Annex, type DocumentFile, documentSchema } from '../../functions/domain/document.ts';
import {
  type DocumentDistributedEvent,
  documentDistributedEvent,
} from '../../functions/domain/document-event.ts';
import type { DocumentMetadata } from '../../functions/domain/public-document.ts';
import type { SubmissionInput } from '../../functions/domain/submission.ts';
import type { SubscriptionFilters } from '../../functions/domain/subscription-filters.ts';

const FIXTURES = new URL('../fixtures/', import.meta.url);

/** The path of a file under test/fixtures/ (for the CLI, which reads files itself). */
export const fixturePath = (name: string): string => fileURLToPath(new URL(name, FIXTURES));

/** A text file under test/fixtures/. */
export const fixtureText = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');

/** A JSON file under test/fixtures/, unchecked like `JSON.parse`: a test that needs a type names it. */
// biome-ignore lint/suspicious/noExplicitAny: as untyped as the JSON.parse it stands for
export const fixture = <T = any>(name: string): T => JSON.parse(fixtureText(name)) as T;

/** The design sample's document file, in six languages. */
export const FIXTURE = new URL('A-79-923-S-2025-341.json', FIXTURES);

/** What the design sample is, in its document file and once registered: kind, symbols, job number, dates. */
export const SAMPLE_IDENTITY: Pick<
  DocumentFile,
  'kind' | 'symbols' | 'jobNumber' | 'issued' | 'originalLanguage'
> = {
  kind: 'letter',
  symbols: ['A/79/923', 'S/2025/341'],
  jobNumber: '25-08590',
  issued: '2025-06-03',
  originalLanguage: 'en',
};

/** The design sample, checked by the document schema: a fresh copy for each call. */
export const loadFixture = (): DocumentFile => documentSchema.parse(fixture('A-79-923-S-2025-341.json'));

/** The design sample with one more annex in its English version (a PDF annex, say). */
export const sampleWithAnnex = (annex: Annex): DocumentFile => {
  const doc = loadFixture();
  const en = doc.versions.en;
  if (!en) throw new Error('the sample has no English version');
  return { ...doc, versions: { ...doc.versions, en: { ...en, annexes: [...en.annexes, annex] } } };
};

/** The same letter as the mission submits it (API input, English). */
export const sampleSubmission = (): SubmissionInput => fixture<SubmissionInput>('sample-submission.json');

/** The joint letter A/79/923-S/2025/341 reduced to what a `document.distributed` event reads. */
export const eventDocument = (): DocumentFile =>
  documentSchema.parse({
    kind: 'letter',
    symbols: ['A/79/923', 'S/2025/341'],
    jobNumber: '25-09876',
    issued: '2025-06-19',
    distribution: 'general',
    originalLanguage: 'en',
    circulation: [
      {
        organ: 'GA',
        session: 79,
        agendaItems: [
          {
            item: '51',
            title: { en: 'Comprehensive review of the whole question of peacekeeping operations' },
          },
        ],
      },
      { organ: 'SC', year: 2025 },
    ],
    versions: {
      en: { title: 'Letter dated 16 June 2025', body: '…', annexes: [] },
      fr: { title: 'Lettre datée du 16 juin 2025', body: '…', annexes: [] },
    },
  });

/**
 * The event of a distribution of `eventDocument()` published at https://distr.example.org/, with
 * `document` fields overridden.
 */
export const distributedEvent = ({
  distribution = 1,
  occurredAt = new Date('2025-06-19T09:30:00Z'),
  document = {},
}: {
  distribution?: number | string;
  occurredAt?: Date;
  document?: Partial<DocumentDistributedEvent['document']>;
} = {}): DocumentDistributedEvent => {
  const event = documentDistributedEvent({
    document: eventDocument(),
    documentId: 'A/79/923-S/2025/341',
    distribution,
    publicUrl: 'https://distr.example.org/',
    occurredAt,
  });
  return { ...event, document: { ...event.document, ...document } };
};

/** Subscription filters on every field, each of which the sample event (`distributedEvent()`) matches. */
export const sampleFilters = (): SubscriptionFilters => ({
  organs: ['GA'],
  sessions: [79],
  years: [2025],
  agendaItems: ['51'],
  symbolPrefix: 'A/79/',
  languages: ['fr'],
});

/** The public metadata of a distributed A/79/923-S/2025/341, with fields overridden. */
export const documentMetadata = (over: Partial<DocumentMetadata> = {}): DocumentMetadata => ({
  symbol: 'A/79/923-S/2025/341',
  symbols: ['A/79/923', 'S/2025/341'],
  kind: 'letter',
  jobNumber: '25-08590',
  distribution: 'general',
  originalLanguage: 'en',
  organs: [
    {
      organ: 'GA',
      session: 79,
      agendaItems: [
        { item: '51', title: { en: 'Peacekeeping' } },
        { item: '17 (c)', title: {} },
      ],
    },
    { organ: 'SC', year: 2025 },
  ],
  dates: { issued: '2025-06-03', distributed: '2025-06-04' },
  distributedAt: '2025-06-04T10:00:00.000Z',
  title: { en: 'Identical letters' },
  languages: [],
  partial: false,
  ...over,
});
