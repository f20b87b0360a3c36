/**
 * `distr reindex`: rewrites the search entries of every distributed document from the public
 * metadata its entries already hold (read from the `ALL` facet, one Query page at a time), after a
 * change of the indexing rules (new facets, stop words, a Node upgrade that changes how Chinese is
 * segmented). Safe to run while Distr serves: each document's entries are rewritten in place, then
 * the ones of facets it no longer has are deleted. Written straight to the table, as `tokens` does.
 */
import { reindexAll } from '../../adapters/search-index.ts';
import { JSON_OPTION, none, runCommandLine } from '../arguments.ts';
import { directTable } from '../direct-table.ts';

export const summary = 'reindex [--table NAME]  (rewrite the search entries of every distributed document)';

const HELP = `Usage:
  distr reindex [--table NAME] [--json]

Rewrites the search entries of every distributed document with the current indexing rules.
Where: the running local Distr (DISTR_DATA_DIR, default .distr/), or in AWS the table named by
--table or TABLE_NAME, with the AWS credentials of the environment.`;

export const run = (args: string[]): Promise<number> =>
  runCommandLine(args, HELP, { table: { type: 'string' }, ...JSON_OPTION }, none, async (values) => {
    const json = values.json;
    const { db, tableName } = directTable(values.table);
    const documents = await reindexAll(db, tableName);
    console.log(
      json
        ? JSON.stringify({ reindexed: documents })
        : `Reindexed ${documents} document${documents === 1 ? '' : 's'}.`,
    );
    return 0;
  });
