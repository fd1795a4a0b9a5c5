/**
 * The Octokit of the configured GitHub API (github.com or GitHub Enterprise Server: Octokit maps
 * https://HOST/api/v3 to https://HOST/api/graphql for GraphQL), shared by the link checker's
 * GitHub client and evidence discovery, and what its failures mean.
 *
 * The token goes only to the API origin: every request passes through a fetch wrapper that drops
 * the Authorization header for any other origin and never follows redirects.
 */
import { Octokit } from '@octokit/core';
import type { Logger } from '../service/host';
import { silentLogger } from '../service/host';
import { trimEndChars } from '../service/text/trim';

export interface ApiOctokitOptions {
  apiUrl: string;
  /** from the VS Code GitHub session or GITHUB_TOKEN; never stored */
  token?: string;
  logger?: Logger;
  userAgent?: string;
  fetch?: typeof fetch;
}

/** An Octokit for the configured API, with the count of requests it sent. */
export interface ApiOctokit {
  readonly octokit: Octokit;
  readonly requestCount: number;
}

export class RateLimited extends Error {
  constructor(readonly resetAt: number | undefined) {
    super('rate limited');
  }
}

export class NetworkError extends Error {}

export interface OctokitErrorLike {
  status?: number;
  message: string;
  response?: { headers: Record<string, string | number | undefined>; data?: unknown };
  errors?: { type?: string; message?: string }[];
  data?: unknown;
  /** GraphqlResponseError: the response's headers */
  headers?: Record<string, string | number | undefined>;
}

function header(e: OctokitErrorLike, name: string): string | undefined {
  const v = e.response?.headers[name];
  return v === undefined ? undefined : String(v);
}

export function rateLimitOf(e: OctokitErrorLike): RateLimited | undefined {
  const remaining = header(e, 'x-ratelimit-remaining');
  const reset = header(e, 'x-ratelimit-reset');
  const retryAfter = header(e, 'retry-after');
  if (e.status === 429 || (e.status === 403 && (remaining === '0' || retryAfter !== undefined))) {
    const resetAt = reset !== undefined ? Number(reset) * 1000 : retryAfter !== undefined ? Date.now() + Number(retryAfter) * 1000 : undefined;
    return new RateLimited(resetAt);
  }
  return undefined;
}

/**
 * An Octokit for the configured API whose fetch drops the Authorization header for any other
 * origin and never follows redirects; shared by the link checker and evidence discovery.
 */
export function createApiOctokit(options: ApiOctokitOptions): ApiOctokit {
  const apiUrl = trimEndChars(options.apiUrl, '/');
  const apiOrigin = new URL(apiUrl).origin;
  const log = options.logger ?? silentLogger;
  const baseFetch = options.fetch ?? globalThis.fetch;
  let requestCount = 0;

  const guardedFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input.toString() : input.url);
    const headers = new Headers(init?.headers);
    if (url.origin !== apiOrigin) headers.delete('authorization');
    requestCount++;
    return baseFetch(url, { ...init, headers, redirect: 'manual' });
  };

  const octokit = new Octokit({
    baseUrl: apiUrl,
    ...(options.token ? { auth: options.token } : {}),
    userAgent: options.userAgent ?? 'diligence',
    request: { fetch: guardedFetch, redirect: 'manual' },
    log: { debug: (m: string) => log.debug(m), info: (m: string) => log.debug(m), warn: (m: string) => log.warn(m), error: (m: string) => log.error(m) },
  });
  return {
    octokit,
    get requestCount() {
      return requestCount;
    },
  };
}
