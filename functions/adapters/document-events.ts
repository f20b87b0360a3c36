/**
 * Publishes `document.distributed` events to the documents topic, with the message attributes SNS
 * filter policies match on (document-event.ts). The distribution step calls this once per
 * distribution; publishing the same event again (a retry) is harmless, since every consumer dedupes
 * on the event id.
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import {
  type DocumentDistributedEvent,
  documentDistributedEventSchema,
  eventAttributes,
} from '../domain/document-event.ts';

export interface DocumentEvents {
  sns: SNSClient;
  config: { documentsTopicArn: string };
}

/** Publishes one event; returns the SNS message id. Throws if the event is malformed. */
export async function publishDocumentDistributed(
  { sns, config }: DocumentEvents,
  event: DocumentDistributedEvent,
): Promise<string> {
  const checked = documentDistributedEventSchema.parse(event);
  const { MessageId } = await sns.send(
    new PublishCommand({
      TopicArn: config.documentsTopicArn,
      Message: JSON.stringify(checked),
      MessageAttributes: eventAttributes(checked),
    }),
  );
  return MessageId ?? '';
}
