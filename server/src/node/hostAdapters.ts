/** Node-side implementations of the core's host interfaces. */
import { constants } from 'node:fs';
import { lstat, open, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FileSystem, LinkTarget, Logger } from '../service/host';

function inside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** A file URI without a host as a local path; undefined for anything else (file://host/… is SMB on Windows). */
export function localPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const u = new URL(uri);
    if (u.host !== '') return undefined;
    return resolve(fileURLToPath(u));
  } catch {
    return undefined;
  }
}

async function real(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch {
    return undefined;
  }
}

/** The nearest folder at or above `dir` that holds `.git`: the document's repository. */
async function repositoryOf(dir: string): Promise<string | undefined> {
  for (let d = dir; ; d = dirname(d)) {
    try {
      await lstat(`${d}${sep}.git`);
      return d;
    } catch {
      // not here
    }
    if (dirname(d) === d) return undefined;
  }
}

/** At most `maxBytes` of a regular file, opened without blocking (a FIFO swapped in meanwhile does not hang it). */
export async function readCapped(path: string, maxBytes: number): Promise<{ text: string; truncated: boolean } | undefined> {
  const fh = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    if (!(await fh.stat()).isFile()) return undefined;
    const buf = Buffer.alloc(maxBytes + 1);
    let n = 0;
    while (n < buf.length) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    return { text: buf.subarray(0, Math.min(n, maxBytes)).toString('utf8'), truncated: n > maxBytes };
  } finally {
    await fh.close();
  }
}

/**
 * Where a relative link's target is, confined to the roots (test/links/confinement.test.ts):
 * the path itself must be under a root before anything is asked of the file system (no
 * existence oracle outside), then the real path behind its symbolic links too; only regular
 * files are read, with a byte cap.
 */
async function linkTarget(uri: string, roots: readonly string[], options: { wantText: boolean; maxBytes: number }): Promise<LinkTarget> {
  const path = localPath(uri);
  if (path === undefined) return { kind: 'outside' };
  const folders = roots.map(localPath).filter((r): r is string => r !== undefined);
  if (!folders.some((r) => inside(path, r))) return { kind: 'outside' };
  const realRoots = (await Promise.all(folders.map(real))).filter((r): r is string => r !== undefined);
  const target = await real(path);
  if (target === undefined) {
    // does not exist, or a dangling link: say "missing" only when the nearest existing folder is inside
    if (await lstat(path).then(() => true, () => false)) return { kind: 'special' };
    for (let d = dirname(path); ; d = dirname(d)) {
      const r = await real(d);
      if (r !== undefined) return realRoots.some((root) => inside(r, root)) ? { kind: 'missing' } : { kind: 'outside' };
      if (dirname(d) === d) return { kind: 'outside' };
    }
  }
  if (!realRoots.some((root) => inside(target, root))) return { kind: 'outside' };
  let st;
  try {
    st = await stat(target);
  } catch {
    return { kind: 'missing' };
  }
  if (st.isDirectory()) return { kind: 'directory' };
  if (!st.isFile()) return { kind: 'special' };
  if (!options.wantText) return { kind: 'file' };
  try {
    const read = await readCapped(target, options.maxBytes);
    return read ? { kind: 'file', ...read } : { kind: 'special' };
  } catch {
    return { kind: 'missing' };
  }
}

/**
 * The roots a document's relative links may reach: the workspace folders that hold it; for a
 * document in none of them, its repository (the nearest folder with `.git`), or its own folder.
 */
export async function linkRootsFor(documentUri: string, workspaceFolders: readonly string[]): Promise<string[]> {
  const doc = localPath(documentUri);
  if (doc === undefined) return [...workspaceFolders];
  const holding = workspaceFolders.filter((f) => {
    const p = localPath(f);
    return p !== undefined && inside(doc, p);
  });
  if (holding.length > 0) return holding;
  const repo = await repositoryOf(dirname(doc));
  return [pathToFileURL(repo ?? dirname(doc)).href];
}

export const nodeFileSystem: FileSystem = {
  async readFile(uri) {
    try {
      return await readFile(uri.startsWith('file:') ? fileURLToPath(uri) : uri, 'utf8');
    } catch {
      return undefined;
    }
  },
  async exists(uri) {
    try {
      await stat(uri.startsWith('file:') ? fileURLToPath(uri) : uri);
      return true;
    } catch {
      return false;
    }
  },
  linkTarget,
};

/** A logger over any sink of lines, with a threshold. */
export function lineLogger(sink: { log(m: string): void; warn(m: string): void; error(m: string): void }, verbose: boolean): Logger {
  return {
    debug: (m) => { if (verbose) sink.log(m); },
    info: (m) => sink.log(m),
    warn: (m) => sink.warn(m),
    error: (m) => sink.error(m),
  };
}
