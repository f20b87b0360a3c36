/**
 * The audit trail in the table: `pk = AUDIT#{submission|document}#{id}`, `sk = ENTRY#{key}`, one item
 * per change, written only if absent (a retried change finds its entry there and leaves it).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AuditEntry,
  type AuditPort,
  type AuditSubject,
  byTime,
  MAX_AUDIT_LISTED,
} from '../domain/audit.ts';
import { createItem, type Table } from './table.ts';

const partition = (subject: AuditSubject) => `AUDIT#${subject.kind}#${subject.id}`;

export function dynamoAuditStore(table: Table): AuditPort {
  const { db, tableName } = table;
  return {
    async record(entries) {
      await Promise.all(
        entries.map((entry) =>
          createItem(table, { pk: partition(entry.subject), sk: `ENTRY#${entry.key}`, ...entry }),
        ),
      );
    },
    async list(subject) {
      const { Items = [] } = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': partition(subject) },
          ConsistentRead: true,
          Limit: MAX_AUDIT_LISTED,
        }),
      );
      return Items.map(
        ({ subject, action, at, actor, detail, key }) =>
          ({
            subject,
            action,
            at,
            actor,
            ...(detail ? { detail } : {}),
            key,
          }) as AuditEntry,
      ).sort(byTime);
    },
  };
}
