/** The documents topic and the queues (each with its dead-letter queue and an alarm on it). */
import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SubscriptionFilter, Topic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { QUEUES, type QueueName, TOPIC_SUBSCRIPTIONS, type TopicName } from '../functions/resources.ts';
import { pascal } from './ids.ts';

export interface Messaging {
  readonly topics: Record<TopicName, Topic>;
  readonly queues: Record<QueueName, Queue>;
}

/** Adds the topic, the queues and the topic's subscriptions to `scope` itself (see addStorage). */
export function addMessaging(scope: Construct): Messaging {
  const documentsTopic = new Topic(scope, 'DocumentsTopic', { enforceSSL: true });
  Validations.of(documentsTopic).acknowledge({
    id: 'AwsSolutions-SNS2',
    reason: 'Events carry only public metadata of distributed documents (symbols, organs, languages).',
  });

  const queues = {} as Record<QueueName, Queue>;
  for (const [name, def] of Object.entries(QUEUES) as [QueueName, (typeof QUEUES)[QueueName]][]) {
    const deadLetters = new Queue(scope, `${pascal(name)}DeadLetters`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue.',
    });
    queues[name] = new Queue(scope, `${pascal(name)}Queue`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(def.visibilityTimeoutSeconds),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: def.maxReceiveCount },
    });
    new Alarm(scope, `${pascal(name)}DeadLettersAlarm`, {
      alarmDescription: `Messages parked in the ${name} dead-letter queue`,
      metric: deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  const topics: Record<TopicName, Topic> = { documents: documentsTopic };
  for (const sub of TOPIC_SUBSCRIPTIONS) {
    topics[sub.topic].addSubscription(
      new SqsSubscription(queues[sub.queue], {
        rawMessageDelivery: sub.rawMessageDelivery,
        ...(sub.filterPolicy
          ? {
              filterPolicy: Object.fromEntries(
                Object.entries(sub.filterPolicy).map(([name, values]) => [
                  name,
                  new SubscriptionFilter(values),
                ]),
              ),
            }
          : {}),
      }),
    );
  }
  return { topics, queues };
}
