/**
 * Helpers for the distribution tests: a registered document written straight into a running local
 * Distr (as registration leaves it), tokens, an SQS queue subscribed to the documents topic to count
 * events, and polling.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { createAwsClients } from '../../functions/adapters/aws-clients.ts';
import { createDocumentStore } from '../../functions/adapters/document-store.ts';
import { issueToken } from '../../functions/adapters/token-store.ts';
import { type DocumentInput, documentSchema } from '../../functions/domain/document.ts';
import type { Lang } from '../../functions/domain/languages.ts';
import type { RegisteredDocument } from '../../functions/domain/registration.ts';
import { formatJointSymbol } from '../../functions/domain/symbols.ts';
import type { Runtime } from '../../functions/local/runtime.ts';

export const SAMPLE = JSON.parse(
  readFileSync(new URL('../fixtures/A-79-923-S-2025-341.json', import.meta.url), 'utf8'),
) as DocumentInput;

export const SAMPLE_VERSIONS = documentSchema.parse(SAMPLE).versions;

export const clients = (distr: Runtime) => createAwsClients(distr.env);

export async function tokenFor(distr: Runtime, role: 'officer' | 'mission' | 'subscriber'): Promise<string> {
  const grant = role === 'mission' ? { role, state: 'DEU' as const } : { role };
  const { token } = await issueToken(
    { db: clients(distr).db, tableName: distr.env.TABLE_NAME ?? '' },
    grant,
    { now: new Date() },
  );
  return token;
}

/**
 * A registered document with the sample's metadata, under `symbols`, holding the versions named
 * (from the sample), as registration writes it: names claimed, versions, then the document item.
 */
export async function seedDocument(
  distr: Runtime,
  options: {
    symbols?: string[];
    jobNumber?: string;
    versions?: Lang[];
    edit?: (doc: RegisteredDocument) => void;
  } = {},
): Promise<RegisteredDocument> {
  const file = documentSchema.parse(SAMPLE);
  const symbols = options.symbols ?? file.symbols;
  const keep = new Set(options.versions ?? ['en']);
  const document: RegisteredDocument = {
    ...file,
    symbols,
    jobNumber: options.jobNumber ?? file.jobNumber,
    id: randomUUID(),
    symbol: formatJointSymbol(symbols),
    status: 'registered',
    registeredAt: new Date().toISOString(),
    versions: Object.fromEntries(Object.entries(file.versions).filter(([lang]) => keep.has(lang as Lang))),
  };
  options.edit?.(document);
  const store = createDocumentStore(clients(distr).db, distr.env.TABLE_NAME ?? '');
  for (const symbol of symbols) {
    const holder = await store.claimName('symbol', symbol, document.id);
    if (holder) throw new Error(`${symbol} is taken`);
  }
  await store.put(document);
  return document;
}

/** An SQS queue subscribed (raw) to the documents topic: every event published lands in it. */
export async function eventTap(distr: Runtime) {
  const { sqs, sns } = clients(distr);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `tap-${randomUUID()}` }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  await sns.send(
    new SubscribeCommand({
      TopicArn: distr.env.DOCUMENTS_TOPIC_ARN,
      Protocol: 'sqs',
      Endpoint: Attributes?.QueueArn,
      Attributes: { RawMessageDelivery: 'true' },
    }),
  );
  const received: Record<string, unknown>[] = [];
  return {
    /** Every event so far (drains the queue into `received`). */
    async events(waitSeconds = 0): Promise<Record<string, unknown>[]> {
      for (;;) {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds }),
        );
        // Not deleted: the visibility timeout keeps them from coming back within a test.
        for (const m of Messages) received.push(JSON.parse(m.Body ?? '{}'));
        if (Messages.length === 0) return received;
        waitSeconds = 0;
      }
    },
  };
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  { timeoutMs = 20_000, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `/v1/documents/A/79/923-S/2025/341` */
export const documentPath = (symbol: string) => `/v1/documents/${symbol}`;
