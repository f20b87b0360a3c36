/** `distr register ID [--issued YYYY-MM-DD] [--json]`: registers a received submission (officers). */
import { JSON_OPTION, runCommandLine, single } from '../arguments.ts';
import { createClient } from '../client.ts';

export const summary =
  'register a received submission as a document (DISTR_TOKEN of an officer; --issued, --json)';

const HELP = `Usage: distr register ID [--issued YYYY-MM-DD] [--json]

Registers submission ID (POST /v1/submissions/ID/register): draws its symbols (one per organ) and
its job number, and prints them. Registering again prints the same document.
  --issued DATE   the issue date, which picks the SC/ECOSOC year and the job-number year
                  (default: today, UTC)
  --json          print the document as JSON
Environment: DISTR_URL (default: the running local Distr), DISTR_TOKEN (an officer token).`;

interface Registered {
  id: string;
  symbol: string;
  jobNumber: string;
  issued: string;
}

export const run = (args: string[]): Promise<number> =>
  runCommandLine(args, HELP, { issued: { type: 'string' }, ...JSON_OPTION }, single, async (values, id) => {
    const json = values.json;
    const answer = await createClient().request<Registered>(
      'POST',
      `/v1/submissions/${encodeURIComponent(id)}/register`,
      { body: values.issued ? { issued: values.issued } : {} },
    );
    const document = answer.body;
    if (json) {
      console.log(JSON.stringify(document));
      return 0;
    }
    console.log(
      `${answer.status === 201 ? 'Registered' : 'Already registered'}: ${document.symbol}  job ${document.jobNumber}  issued ${document.issued}`,
    );
    console.log(`  document ${document.id}`);
    return 0;
  });
