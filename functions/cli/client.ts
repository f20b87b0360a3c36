/**
 * What the CLI commands share: where Distr runs (`DISTR_URL`, else the running local instance found
 * through its data directory, else http://127.0.0.1:3000), the caller's token (`DISTR_TOKEN`), a
 * small JSON client that turns problem+json answers into errors, and how to print those.
 */
import { defaultDataDir, type RuntimeFile, readRuntimeFile } from '../local/runtime-file.ts';

export const DEFAULT_URL = 'http://127.0.0.1:3000';

/** The data directory of the local server, as `npm start` chooses it. */
export const dataDir = defaultDataDir;

/** The running local instance recorded in its data directory, if its process is alive. */
export const localRuntime = (env: NodeJS.ProcessEnv = process.env): RuntimeFile | undefined =>
  readRuntimeFile(defaultDataDir(env));

export const baseUrl = (env: NodeJS.ProcessEnv = process.env) =>
  (env.DISTR_URL ?? localRuntime(env)?.url ?? DEFAULT_URL).replace(/\/+$/, '');

export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  'invalid-params'?: { name: string; reason: string }[];
}

/** An answer that was not 2xx; `problem` is the problem+json body when there is one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemBody | undefined;
  constructor(status: number, problem: ProblemBody | undefined, fallback: string) {
    super(problem?.detail ?? fallback);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

export interface ApiAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface Client {
  url: string;
  request<T = unknown>(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiAnswer<T>>;
}

export function createClient(env: NodeJS.ProcessEnv = process.env): Client {
  const url = baseUrl(env);
  const token = env.DISTR_TOKEN;
  return {
    url,
    async request<T>(
      method: string,
      path: string,
      { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {},
    ) {
      let res: Response;
      try {
        res = await fetch(`${url}${path}`, {
          method,
          headers: {
            accept: 'application/json, application/problem+json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...headers,
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } })
          .cause;
        const reason = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message ?? (error as Error).message;
        throw new Error(
          `cannot reach Distr at ${url} (${reason}); start it with \`npm start\` or set DISTR_URL`,
        );
      }
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      if (!res.ok) {
        const problem = parsed && typeof parsed === 'object' ? (parsed as ProblemBody) : undefined;
        throw new ApiError(res.status, problem, `${res.status} ${res.statusText}`);
      }
      return { status: res.status, headers: res.headers, body: parsed as T };
    },
  };
}

/** The problem's detail and each invalid parameter, one per line, for stderr. */
export function formatError(error: unknown): string {
  if (error instanceof ApiError) {
    const lines = [`${error.status} ${error.problem?.title ?? 'Error'}: ${error.message}`];
    for (const param of error.problem?.['invalid-params'] ?? [])
      lines.push(`  ${param.name}: ${param.reason}`);
    return lines.join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}

/** Runs a command body: errors go to stderr (as JSON with --json) and give exit code 1. */
export async function runCommand(json: boolean, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (json && error instanceof ApiError && error.problem)
      console.error(JSON.stringify(error.problem, null, 2));
    else console.error(formatError(error));
    return 1;
  }
}

/** A fixed-width text table. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}
