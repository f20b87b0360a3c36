import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients } from '../../functions/adapters/aws-clients.ts';
import { publishDocumentDistributed } from '../../functions/adapters/document-events.ts';
import { type DocumentDistributedEvent, documentEventId } from '../../functions/domain/document-event.ts';
import { provision } from '../../functions/local/provision.ts';
import { type StandIns, startStandIns } from '../../functions/local/stand-ins.ts';
import { backend } from '../support/distr.ts';

const event = (symbol: string, session: number | undefined, year: number): DocumentDistributedEvent => ({
  type: 'document.distributed',
  id: documentEventId(symbol, 1),
  occurredAt: new Date().toISOString(),
  document: {
    symbols: [symbol],
    organs: session ? ['GA'] : ['SC'],
    ...(session ? { session } : {}),
    year,
    agendaItems: session ? ['51'] : [],
    languages: ['en', 'fr'],
    jobNumber: '25-00001',
    issued: `${year}-06-19`,
    links: { metadata: `https://d.example/v1/documents/${symbol}`, pdf: {} },
  },
});

/**
 * Subscribers who take the documents topic directly (an SQS queue, an email address) filter with SNS
 * filter policies on the event's message attributes. fauxqs evaluates policies on `String` and
 * `Number` attributes; it does not evaluate `String.Array` ones (AWS does), so this checks the
 * scalar attributes here and that the list attributes arrive intact for AWS to match on.
 */
describe('SNS filter policies on document.distributed attributes (fauxqs)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'distr-sns-filter-'));
  let standIns: StandIns;
  let clients: AwsClients;
  let topicArn: string;

  const subscribedQueue = async (name: string, filterPolicy: Record<string, unknown>) => {
    const { QueueUrl = '' } = await clients.sqs.send(new CreateQueueCommand({ QueueName: name }));
    const { Attributes } = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await clients.sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: Attributes?.QueueArn,
        Attributes: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify(filterPolicy) },
      }),
    );
    return QueueUrl;
  };
  const drain = async (QueueUrl: string) => {
    const all: Message[] = [];
    for (;;) {
      const { Messages = [] } = await clients.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl,
          WaitTimeSeconds: 1,
          MaxNumberOfMessages: 10,
          MessageAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) return all;
      all.push(...Messages);
    }
  };

  beforeAll(async () => {
    process.env.AWS_REGION ??= 'us-east-1';
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
    standIns = await startStandIns({ dataDir, ...backend() });
    clients = createAwsClients({
      AWS_ENDPOINT_URL_DYNAMODB: standIns.dynamodbEndpoint,
      AWS_ENDPOINT_URL_S3: standIns.awsEndpoint,
      AWS_ENDPOINT_URL_SNS: standIns.awsEndpoint,
      AWS_ENDPOINT_URL_SQS: standIns.awsEndpoint,
    });
    topicArn = (await provision(clients)).env.DOCUMENTS_TOPIC_ARN ?? '';
  });
  afterAll(async () => {
    await standIns?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers to each queue only the events its policy selects', async () => {
    const ga79 = await subscribedQueue('filter-ga79', { type: ['document.distributed'], session: [79] });
    const recent = await subscribedQueue('filter-recent', { year: [{ numeric: ['>=', 2026] }] });
    const none = await subscribedQueue('filter-none', { type: ['document.withdrawn'] });

    const publish = (e: DocumentDistributedEvent) =>
      publishDocumentDistributed({ sns: clients.sns, config: { documentsTopicArn: topicArn } }, e);
    const a79 = event('A/79/923', 79, 2025);
    const a80 = event('A/80/434', 80, 2026);
    const s2025 = event('S/2025/341', undefined, 2025);
    for (const e of [a79, a80, s2025]) await publish(e);

    const ids = (messages: Message[]) => messages.map((m) => JSON.parse(m.Body ?? '{}').id).sort();
    const ga79Messages = await drain(ga79);
    expect(ids(ga79Messages)).toEqual([a79.id]);
    expect(ids(await drain(recent))).toEqual([a80.id]);
    expect(await drain(none)).toEqual([]);

    // Raw delivery passes the event unchanged and its attributes along, lists as String.Array.
    const [message] = ga79Messages;
    expect(JSON.parse(message?.Body ?? '')).toEqual(a79);
    expect(message?.MessageAttributes).toMatchObject({
      type: { DataType: 'String', StringValue: 'document.distributed' },
      organs: { DataType: 'String.Array', StringValue: '["GA"]' },
      session: { DataType: 'Number', StringValue: '79' },
      languages: { DataType: 'String.Array', StringValue: '["en","fr"]' },
      symbols: { DataType: 'String.Array', StringValue: '["A/79/923"]' },
    });
  });
});
