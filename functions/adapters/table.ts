/**
 * The single-item operations every store makes on the one table: a strongly consistent read, a
 * create that never overwrites, and conditional writes, whose lost condition is an answer (the item
 * is not in the state the write needs, or exists already), not an error.
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  type GetCommandInput,
  PutCommand,
  UpdateCommand,
  type UpdateCommandInput,
  type UpdateCommandOutput,
} from '@aws-sdk/lib-dynamodb';

/** The table the stores share, reached through one document client. */
export interface Table {
  db: DynamoDBDocumentClient;
  tableName: string;
}

export type Item = Record<string, unknown>;

/**
 * Whether a DynamoDB write lost its condition (the item exists, the state moved on). Checked by name,
 * not `instanceof`, so it holds whichever copy of the SDK threw it.
 */
export const isConditionFailure = (error: unknown): boolean =>
  (error as Error | undefined)?.name === 'ConditionalCheckFailedException';

/** The write's output, or undefined where its condition did not hold; any other failure is thrown. */
export async function ifConditionHolds<T>(write: Promise<T>): Promise<T | undefined> {
  try {
    return await write;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/** One item by its key, read strongly consistent, so a write acknowledged before is always seen. */
export async function readItem(
  { db, tableName }: Table,
  key: Item,
  projection: Pick<GetCommandInput, 'ProjectionExpression' | 'ExpressionAttributeNames'> = {},
): Promise<Item | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true, ...projection }),
  );
  return Item;
}

/** Writes a new item; false, leaving it as it is, where one with its key exists (a retried create). */
export async function createItem({ db, tableName }: Table, item: Item): Promise<boolean> {
  const put = new PutCommand({
    TableName: tableName,
    Item: item,
    ConditionExpression: 'attribute_not_exists(pk)',
  });
  return (await ifConditionHolds(db.send(put))) !== undefined;
}

/** An update of one item of the table. */
export const updateItem = (
  { db, tableName }: Table,
  input: Omit<UpdateCommandInput, 'TableName'>,
): Promise<UpdateCommandOutput> => db.send(new UpdateCommand({ TableName: tableName, ...input }));

/** A conditional update: its output, or undefined where its ConditionExpression did not hold. */
export const updateIf = (
  table: Table,
  input: Omit<UpdateCommandInput, 'TableName' | 'ConditionExpression'> & { ConditionExpression: string },
): Promise<UpdateCommandOutput | undefined> => ifConditionHolds(updateItem(table, input));

/** A conditional update that answers only whether it was made (its ConditionExpression held). */
export const updatedIf = async (...[table, input]: Parameters<typeof updateIf>): Promise<boolean> =>
  (await updateIf(table, input)) !== undefined;
