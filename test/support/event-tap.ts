/** Counting the events a running Distr publishes, from an SQS queue subscribed to its topic. */
import { randomUUID } from 'node:crypto';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Runtime } from '../../functions/local/runtime.ts';
import { clients } from './seed.ts';

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
