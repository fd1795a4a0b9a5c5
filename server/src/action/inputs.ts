/**
 * The action's inputs, as the runner passes them (`INPUT_<NAME>`, upper-cased, hyphens kept),
 * and the event that triggered the run.
 */
import { readFileSync } from 'node:fs';

/** the due-diligence documents of cncf/toc */
export const DEFAULT_GLOBS = ['projects/*/*-dd.md', 'projects/*/*due-diligence*.md', 'projects/*/*-incubation*.md', 'projects/*/*-graduation*.md'];

export type FailOn = 'none' | 'error' | 'warning' | 'notice';

export interface ActionInputs {
  globs: string[];
  config: string;
  severity: string[];
  offline: boolean;
  token: string;
  cacheDir: string;
  jobSummary: boolean;
  failOn: FailOn;
  /** undefined: the default (true on a pull_request event) */
  changedOnly: boolean | undefined;
}

export class InputError extends Error {}

function input(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean | undefined): boolean | undefined {
  const v = input(env, name).toLowerCase();
  if (v === '') return fallback;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new InputError(`input ${name}: "${v}" is neither true nor false`);
}

function list(s: string): string[] {
  return s.split(/[\n,]/).map((x) => x.trim()).filter(Boolean);
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const failOn = input(env, 'fail-on').toLowerCase() || 'none';
  if (!['none', 'error', 'warning', 'notice'].includes(failOn)) throw new InputError(`input fail-on: "${failOn}" is not one of none, error, warning, notice`);
  const globs = input(env, 'globs').split('\n').map((g) => g.trim()).filter(Boolean);
  return {
    globs: globs.length > 0 ? globs : DEFAULT_GLOBS,
    config: input(env, 'config'),
    severity: list(input(env, 'severity')),
    offline: bool(env, 'offline', false) ?? false,
    token: input(env, 'token'),
    cacheDir: input(env, 'cache-dir'),
    jobSummary: bool(env, 'job-summary', true) ?? true,
    failOn: failOn as FailOn,
    changedOnly: bool(env, 'changed-only', undefined),
  };
}

/** What the action reads of a pull_request event (GITHUB_EVENT_PATH). */
export interface PullRequestInfo {
  number: number;
  baseSha: string;
  headSha: string;
}

export function readPullRequest(env: NodeJS.ProcessEnv): PullRequestInfo | undefined {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return undefined;
  let event: unknown;
  try {
    event = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  const pr = (event as { pull_request?: { number?: unknown; base?: { sha?: unknown }; head?: { sha?: unknown } } }).pull_request;
  const baseSha = pr?.base?.sha;
  const headSha = pr?.head?.sha;
  if (typeof baseSha !== 'string' || typeof headSha !== 'string' || !/^[0-9a-f]{40,64}$/.test(baseSha) || !/^[0-9a-f]{40,64}$/.test(headSha)) return undefined;
  return { number: typeof pr?.number === 'number' ? pr.number : 0, baseSha, headSha };
}
