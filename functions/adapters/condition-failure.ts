/**
 * Whether a DynamoDB write lost its condition (the item exists, the state moved on). Checked by name,
 * not `instanceof`, so it holds whichever copy of the SDK threw it.
 */
export const isConditionFailure = (error: unknown): boolean =>
  (error as Error | undefined)?.name === 'ConditionalCheckFailedException';
