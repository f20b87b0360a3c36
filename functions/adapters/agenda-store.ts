/**
 * The agenda registry: one item per GA session, `pk = AGENDA#GA#{session}`, `sk = AGENDA`, holding
 * the items with their six titles. A load replaces the whole agenda in one put, so a reader sees
 * either the old agenda or the new one, never a mix.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Agenda } from '../domain/agenda.ts';
import type { AgendaPort } from '../domain/registrar.ts';

export interface StoredAgenda extends Agenda {
  organ: 'GA';
  session: number;
  updatedAt: string;
}

/** DynamoDB's item limit is 400 KB; this leaves room for the keys and attribute names. */
export const MAX_AGENDA_BYTES = 380_000;

const key = (session: number) => ({ pk: `AGENDA#GA#${session}`, sk: 'AGENDA' });

export class AgendaTooLargeError extends Error {
  readonly bytes: number;
  constructor(bytes: number) {
    super(`The agenda takes ${bytes} bytes stored; at most ${MAX_AGENDA_BYTES} fit in one item.`);
    this.name = 'AgendaTooLargeError';
    this.bytes = bytes;
  }
}

export function createAgendaStore(db: DynamoDBDocumentClient, tableName: string) {
  async function get(session: number): Promise<StoredAgenda | undefined> {
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: key(session), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return { organ: 'GA', session, items: Item.items as Agenda['items'], updatedAt: String(Item.updatedAt) };
  }

  async function put(session: number, agenda: Agenda, at: string): Promise<StoredAgenda> {
    const stored: StoredAgenda = { organ: 'GA', session, items: agenda.items, updatedAt: at };
    const bytes = Buffer.byteLength(JSON.stringify(stored.items), 'utf8');
    if (bytes > MAX_AGENDA_BYTES) throw new AgendaTooLargeError(bytes);
    await db.send(new PutCommand({ TableName: tableName, Item: { ...key(session), ...stored } }));
    return stored;
  }

  const port: AgendaPort = { getGA: get };
  return { get, put, port };
}

export type AgendaStore = ReturnType<typeof createAgendaStore>;
