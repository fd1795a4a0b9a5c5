/**
 * The due diligence's pull request from the git checkout it lives in, for the public-comment
 * e-mail when neither the document's links nor `--pr` give it. The checkout is read, not run: the
 * nearest `.git` above the document (at most 8 folders up, and never above the workspace folders
 * when the host names them), its `HEAD` (the branch) and `config` (the remotes); a `.git` file of
 * a worktree or submodule is followed to its git folder (only a `…/.git/worktrees/NAME` or
 * `…/.git/modules/…` one, and only `HEAD`, `commondir` and `config` are read there, each capped).
 * Then the configured GitHub API is asked for an open pull request into the TOC repository (or
 * the repository of a remote) whose head is `<remote owner>:<branch>`. Offline, untrusted, no
 * checkout, no GitHub remote, none found: the field stays the template's placeholder and a note
 * says why.
 */
import { lstat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { CancellationToken } from '../service/host';
import { branchOfHead, parseGitConfig } from '../service/publicComment/gitRemote';
import { type Checkout, draftWithCheckoutPull as draftWithPull, type PullSearch } from '../service/publicComment/ddPull';
import { localPath, readCapped } from './hostAdapters';

const MAX_UP = 8;
const SMALL = 4096;
const CONFIG_MAX = 64 * 1024;

export type { Checkout } from '../service/publicComment/ddPull';

const isInside = (path: string, root: string): boolean => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

async function read(path: string, max: number): Promise<string | undefined> {
  try {
    const r = await readCapped(path, max);
    return r && !r.truncated ? r.text : undefined;
  } catch {
    return undefined;
  }
}

/** The git folder of a checkout root: `.git` itself, or where a `.git` file points (a worktree's or a submodule's). */
async function gitDirOf(root: string): Promise<{ dir: string; common: string } | undefined> {
  const dotGit = join(root, '.git');
  const st = await lstat(dotGit).catch(() => undefined);
  if (st?.isDirectory()) return { dir: dotGit, common: dotGit };
  if (!st?.isFile()) return undefined;
  const first = ((await read(dotGit, SMALL)) ?? '').split('\n', 1)[0] ?? '';
  const pointer = first.startsWith('gitdir:') ? first.slice('gitdir:'.length).trim() : undefined;
  if (!pointer) return undefined;
  const dir = isAbsolute(pointer) ? resolve(pointer) : resolve(root, pointer);
  if (!/[\\/]\.git[\\/](?:worktrees[\\/][^\\/]+|modules[\\/].+)$/.test(dir)) return undefined;
  const commondir = (await read(join(dir, 'commondir'), SMALL))?.trim();
  return { dir, common: commondir ? resolve(dir, commondir) : dir };
}

/** The checkout a document lives in: its branch and remotes; a string says why there is none. */
export async function readCheckout(docUri: string, roots: readonly string[] = []): Promise<Checkout | string> {
  const docPath = localPath(docUri);
  if (!docPath) return 'the document is not a file on this disk';
  const bounds = roots.map((r) => localPath(r)).filter((r): r is string => r !== undefined);
  let folder = dirname(docPath);
  for (let up = 0; up <= MAX_UP; up++) {
    if (bounds.length > 0 && !bounds.some((b) => isInside(folder, b))) break;
    const git = await gitDirOf(folder);
    if (git) {
      const branch = branchOfHead((await read(join(git.dir, 'HEAD'), SMALL)) ?? '');
      if (!branch) return 'the checkout has no branch checked out';
      return { branch, config: parseGitConfig((await read(join(git.common, 'config'), CONFIG_MAX)) ?? '') };
    }
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return 'the document is not in a git checkout';
}

/** The public-comment draft with the DD pull request from the checkout (`service/publicComment/ddPull.ts`), read from this disk. */
export function draftWithCheckoutPull<D extends { pullRequest: string | null; notes: string[] }>(docUri: string, draft: (pullRequest?: string) => D | undefined, o: Omit<PullSearch, 'readCheckout'>, token: CancellationToken): Promise<D | undefined> {
  return draftWithPull(docUri, draft, { ...o, readCheckout }, token);
}
