/**
 * CloudFormation replaces a resource whose logical ID changes: for the table or the bucket that
 * means a new, empty one (the old one is retained, orphaned); for a queue, its messages; for a log
 * group, its history; for the HTTP API, the URL printed in every QR code. CDK derives each logical
 * ID from the construct path, so moving a resource into another construct, or renaming an entry
 * of functions/resources.ts, would do exactly that. These are the IDs deployed stacks have,
 * written out; a new resource of these types joins the list with the ID it is first deployed with.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DistrStack } from '../infra/distr-stack.ts';

const PINNED: Record<string, string> = {
  AccessLogs8B620ECA: 'AWS::S3::Bucket',
  Documents7E5B2978: 'AWS::S3::Bucket',
  TableCD117FA1: 'AWS::DynamoDB::GlobalTable',
  DocumentsTopic3093FB8C: 'AWS::SNS::Topic',
  RenderQueue86559A2E: 'AWS::SQS::Queue',
  RenderDeadLetters0CA8F7C2: 'AWS::SQS::Queue',
  NotificationsQueue3B766469: 'AWS::SQS::Queue',
  NotificationsDeadLetters184418C9: 'AWS::SQS::Queue',
  DeliveriesQueueA9D42004: 'AWS::SQS::Queue',
  DeliveriesDeadLetters9E72E000: 'AWS::SQS::Queue',
  ApiAccessLogsE9DF007D: 'AWS::Logs::LogGroup',
  ApiLogs3D05D88B: 'AWS::Logs::LogGroup',
  AuthorizerLogsBA5DABC9: 'AWS::Logs::LogGroup',
  RenderLogsCAA7F269: 'AWS::Logs::LogGroup',
  NotifyLogsC0ABC89F: 'AWS::Logs::LogGroup',
  DeliverLogsFBD05EE6: 'AWS::Logs::LogGroup',
  WebLogs48A7C011: 'AWS::Logs::LogGroup',
  ApiF70053CD: 'AWS::ApiGatewayV2::Api',
};

const STATEFUL_TYPES = new Set(Object.values(PINNED));

describe('logical IDs of the resources that hold state', () => {
  const resources: Record<string, { Type: string }> = Template.fromStack(
    new DistrStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Distr'),
  ).toJSON().Resources;

  it('are the deployed ones, and every such resource is among them', () => {
    const stateful = Object.fromEntries(
      Object.entries(resources)
        .filter(([, resource]) => STATEFUL_TYPES.has(resource.Type))
        .map(([id, resource]) => [id, resource.Type]),
    );
    expect(stateful).toEqual(PINNED);
  });
});
