/**
 * TemplateGit over the `git` command: a template's commits (`git log`) and its text at one
 * (`git cat-file blob`), in the checkout the document lives in. git runs without a shell (an
 * argument array), in the checkout's root only (it must hold `.git`; git does not look above it;
 * the environment's GIT_* variables, which could point it elsewhere, are dropped), inside the
 * workspace folders when the host names them, with a timeout and a cap on its output. No git,
 * no repository, a timeout: a failure, which the core takes as "no history".
 */
import { lstat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiOutcome } from '../service/evidence/types';
import type { CancellationToken } from '../service/host';
import type { FileCommit, TemplateGit } from '../service/template/source';
import { withAbortSignal } from '../web/cancellation';

export interface TemplateGitOptions {
  /** the workspace folders (file URIs) git may run in; undefined: anywhere the documents are (the CLI) */
  roots?: () => readonly string[];
  /** the git program (tests) */
  git?: string;
  timeoutMs?: number;
  /** the most a git command may print */
  maxBytes?: number;
}

const COMMITS = 100;
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

function localDir(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const u = new URL(uri);
    return u.host === '' ? resolve(fileURLToPath(u)) : undefined;
  } catch {
    return undefined;
  }
}

const inside = (path: string, root: string): boolean => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/** A path inside the repository, '/'-separated: no absolute path, no `..`, nothing git reads as an option or a pathspec's magic. */
function safePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0') || /^[a-z]:/i.test(path)) return false;
  return path.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/** The environment git runs in: no GIT_* of ours (GIT_DIR, GIT_WORK_TREE… would point it elsewhere), never above the checkout, never a prompt. */
function gitEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.toUpperCase().startsWith('GIT_')) env[k] = v;
  return { ...env, GIT_CEILING_DIRECTORIES: dirname(dir), GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_NO_REPLACE_OBJECTS: '1' };
}

function fail(message: string): ApiOutcome<never> {
  return { ok: false, kind: 'other', message };
}

export function createTemplateGit(options: TemplateGitOptions = {}): TemplateGit {
  const program = options.git ?? 'git';
  const timeout = options.timeoutMs ?? 10_000;
  const maxBuffer = options.maxBytes ?? 4 * 1024 * 1024;
  /** a commit's text does not change: kept (bounded) */
  const texts = new Map<string, string>();

  /** The checkout's root as a local folder, when git may run there. */
  async function checkout(dirUri: string): Promise<string | undefined> {
    const dir = localDir(dirUri);
    if (dir === undefined) return undefined;
    const roots = options.roots?.();
    if (roots && !roots.some((r) => {
      const root = localDir(r);
      return root !== undefined && inside(dir, root);
    })) return undefined;
    try {
      await lstat(`${dir}${sep}.git`);
      return dir;
    } catch {
      return undefined;
    }
  }

  function run(dir: string, args: string[], token: CancellationToken): Promise<ApiOutcome<string>> {
    const argv = ['-c', 'core.fsmonitor=false', '-c', 'log.showSignature=false', '--no-pager', ...args];
    // node:child_process loads when git is first run, not with the CLI
    return withAbortSignal(token, async (signal) => {
      const { execFile } = await import('node:child_process');
      return new Promise<ApiOutcome<string>>((done) => {
        execFile(program, argv, { cwd: dir, env: gitEnv(dir), timeout, maxBuffer, signal, windowsHide: true, encoding: 'utf8' }, (err, stdout, stderr) => {
          if (!err) return done({ ok: true, value: stdout });
          const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: string | number };
          if (e.code === 'ENOENT') return done(fail('git is not installed'));
          if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') return done(fail(`git printed more than ${maxBuffer} bytes`));
          if (e.name === 'AbortError') return done(fail('cancelled'));
          if (e.killed) return done(fail(`git took more than ${timeout} ms`));
          return done(fail(`git failed: ${String(stderr).split('\n')[0] || e.message}`));
        });
      });
    });
  }

  return {
    async fileCommits(dirUri, path, token): Promise<ApiOutcome<FileCommit[]>> {
      const dir = await checkout(dirUri);
      if (dir === undefined || !safePath(path)) return fail('not a checkout git may read');
      const r = await run(dir, ['log', `--max-count=${COMMITS}`, '--format=%H %cI', '--', `:(literal)${path}`], token);
      if (!r.ok) return r;
      const commits: FileCommit[] = [];
      for (const line of r.value.split('\n')) {
        const [sha = '', date = ''] = line.trim().split(' ');
        const when = new Date(date);
        if (SHA.test(sha) && !Number.isNaN(when.getTime())) commits.push({ sha, date: when.toISOString() });
      }
      return { ok: true, value: commits };
    },

    async fileAt(dirUri, path, sha, token): Promise<ApiOutcome<string>> {
      const dir = await checkout(dirUri);
      if (dir === undefined || !safePath(path) || !SHA.test(sha)) return fail('not a checkout git may read');
      const key = `${dir}\0${sha}\0${path}`;
      const hit = texts.get(key);
      if (hit !== undefined) return { ok: true, value: hit };
      const r = await run(dir, ['cat-file', 'blob', `${sha}:${path}`], token);
      if (r.ok) {
        if (texts.size >= 200) texts.delete(texts.keys().next().value!);
        texts.set(key, r.value);
      }
      return r;
    },
  };
}
