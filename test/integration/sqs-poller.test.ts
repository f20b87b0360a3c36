import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
} from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients } from '../../functions/adapters/aws-clients.ts';
import { startSqsPoller } from '../../functions/local/sqs-poller.ts';
import { type StandIns, startStandIns } from '../../functions/local/stand-ins.ts';
import { backend } from '../support/distr.ts';

describe('local SQS poller (Lambda event source semantics)', () => {
  let dataDir: string;
  let standIns: StandIns;
  let clients: AwsClients;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'distr-poller-'));
    standIns = await startStandIns({ dataDir, ...backend() });
    process.env.AWS_REGION ??= 'us-east-1';
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
    clients = createAwsClients({ AWS_ENDPOINT_URL_SQS: standIns.awsEndpoint });
  });
  afterAll(async () => {
    await standIns?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('deletes what succeeded, retries partial failures, and redrives them to the dead-letter queue', async () => {
    const dlq = await clients.sqs.send(new CreateQueueCommand({ QueueName: 'poller-dlq' }));
    const dlqArn = (
      await clients.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
      )
    ).Attributes?.QueueArn;
    const queue = await clients.sqs.send(
      new CreateQueueCommand({
        QueueName: 'poller',
        Attributes: {
          VisibilityTimeout: '1',
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }),
        },
      }),
    );
    const queueUrl = queue.QueueUrl ?? '';
    await clients.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: ['good-1', 'bad', 'good-2'].map((body, i) => ({ Id: String(i), MessageBody: body })),
      }),
    );

    const seen: string[] = [];
    const receiveCounts: Record<string, string[]> = {};
    const poller = startSqsPoller({
      sqs: clients.sqs,
      queueUrl,
      functionName: 'test',
      batchSize: 10,
      handler: async (event: SQSEvent) => {
        for (const record of event.Records) {
          seen.push(record.body);
          expect(record.eventSource).toBe('aws:sqs');
          receiveCounts[record.body] = [
            ...(receiveCounts[record.body] ?? []),
            record.attributes.ApproximateReceiveCount,
          ];
        }
        return {
          batchItemFailures: event.Records.filter((r) => r.body === 'bad').map((r) => ({
            itemIdentifier: r.messageId,
          })),
        };
      },
    });

    const deadline = Date.now() + 20_000;
    let parked: string[] = [];
    while (Date.now() < deadline && parked.length === 0) {
      const { Messages = [] } = await clients.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: dlq.QueueUrl, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }),
      );
      parked = Messages.map((m) => m.Body ?? '');
    }
    await poller.stop();

    expect(parked).toEqual(['bad']);
    expect(seen.filter((b) => b.startsWith('good')).sort()).toEqual(['good-1', 'good-2']);
    expect(receiveCounts.bad).toEqual(['1', '2']);
  });
});
