/**
 * The files a pull request changes, from git in the checkout (no third-party action, no API
 * call). actions/checkout of a pull_request checks out GitHub's merge commit: with
 * `fetch-depth: 2` its first parent is the base branch, its second the pull request's head.
 * With more history, base...head. Without either, the caller is told why.
 */
import { execFileSync } from 'node:child_process';
import type { PullRequestInfo } from './inputs';

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

function names(out: string): string[] {
  return out.split('\0').filter(Boolean);
}

/** Paths (relative to the repository, `/`-separated) added, copied, modified or renamed by the pull request. */
export function changedFiles(cwd: string, pr: PullRequestInfo): { files: string[] } | { problem: string } {
  const diff = ['diff', '--name-only', '-z', '--no-renames', '--diff-filter=ACMR'];
  const secondParent = git(cwd, ['rev-parse', '--verify', '--quiet', 'HEAD^2'])?.trim();
  if (secondParent === pr.headSha) {
    const out = git(cwd, [...diff, 'HEAD^1', 'HEAD']);
    if (out !== undefined) return { files: names(out) };
  }
  const have = (sha: string): boolean => git(cwd, ['cat-file', '-e', `${sha}^{commit}`]) !== undefined;
  if (have(pr.baseSha) && have(pr.headSha)) {
    const out = git(cwd, [...diff, `${pr.baseSha}...${pr.headSha}`]);
    if (out !== undefined) return { files: names(out) };
  }
  return { problem: `the pull request's base (${pr.baseSha.slice(0, 7)}) is not in the checkout: give actions/checkout fetch-depth: 2 (or set changed-only: false)` };
}
