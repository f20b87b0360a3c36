/**
 * `distr tokens create|revoke|list`: API tokens, written straight to the table (no token is needed
 * to make the first one). Locally the table is the one of the running `npm start` (found through
 * DISTR_DATA_DIR, default .distr/); in AWS, set TABLE_NAME (or --table) and the operator's AWS
 * credentials.
 */
import { issueToken, listTokens, revokeToken, type TokenStore } from '../../adapters/token-store.ts';
import { parseGrant, ROLES } from '../../domain/tokens.ts';
import { JSON_OPTION, runCommandLine } from '../arguments.ts';
import { table } from '../client.ts';
import { directTable } from '../direct-table.ts';

export const summary = 'tokens create --role mission --state DEU | revoke ID | list  (API tokens)';

const HELP = `Usage:
  distr tokens create --role ${ROLES.join('|')} [--state ISO3] [--label TEXT] [--json]
  distr tokens revoke ID [--json]
  distr tokens list [--json]

A new token is printed once; only its SHA-256 is stored.
Where: the running local Distr (DISTR_DATA_DIR, default .distr/), or in AWS the table named by
--table or TABLE_NAME, with the AWS credentials of the environment.`;

const tokenStore = (tableOption: string | undefined): TokenStore => directTable(tableOption);

export const run = (args: string[]): Promise<number> =>
  runCommandLine(
    args,
    HELP,
    {
      role: { type: 'string' },
      state: { type: 'string' },
      label: { type: 'string' },
      table: { type: 'string' },
      ...JSON_OPTION,
    },
    ([action, ...rest]): { action: 'create' | 'list' } | { action: 'revoke'; id: string } | undefined =>
      (action === 'create' || action === 'list') && rest.length === 0
        ? { action }
        : action === 'revoke' && rest.length === 1
          ? { action, id: rest[0] as string }
          : undefined,
    async (values, operands) => {
      const json = values.json;
      if (operands.action === 'create') {
        const grant = parseGrant(values.role, values.state);
        if (typeof grant === 'string') throw new Error(grant);
        const { id, token, record } = await issueToken(tokenStore(values.table), grant, {
          now: new Date(),
          ...(values.label ? { label: values.label } : {}),
        });
        if (json) console.log(JSON.stringify({ id, token, role: record.role, state: record.state ?? null }));
        else {
          console.log(
            `Token ${id} (${record.role}${record.state ? ` for ${record.state}` : ''}):\n\n  ${token}\n`,
          );
          console.log(
            'It is shown only this once. Use it as DISTR_TOKEN or `Authorization: Bearer <token>`.',
          );
        }
        return 0;
      }
      if (operands.action === 'revoke') {
        const { id } = operands;
        const record = await revokeToken(tokenStore(values.table), id, new Date().toISOString());
        if (!record) throw new Error(`there is no token ${id}`);
        if (json) console.log(JSON.stringify({ id, revokedAt: record.revokedAt }));
        else console.log(`Token ${id} revoked (${record.revokedAt}).`);
        return 0;
      }
      const records = await listTokens(tokenStore(values.table));
      if (json) {
        console.log(JSON.stringify(records.map(({ hash: _hash, ...r }) => r)));
      } else if (records.length === 0) {
        console.log('No tokens yet: `distr tokens create --role officer`.');
      } else {
        console.log(
          table(
            ['ID', 'ROLE', 'STATE', 'CREATED', 'REVOKED', 'LABEL'],
            records.map((r) => [r.id, r.role, r.state ?? '', r.createdAt, r.revokedAt ?? '', r.label ?? '']),
          ),
        );
      }
      return 0;
    },
  );
