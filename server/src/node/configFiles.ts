/**
 * The repository's configuration file (`.diligence.jsonc` / `.diligence.json`) on the disk, for
 * the language server and the CLI: the look-up of service/configLookup.ts over node:fs, with
 * paths. A symbolic link is followed only when its target stays inside the root.
 */
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findConfigFileIn, loadConfigFileIn, repositoryRootIn, type FindOptions, type LoadedConfigFile, type LoadOptions } from '../service/configLookup';
import type { EntryType, FolderAccess } from '../service/folderAccess';
import type { HostFolders } from '../handlers/configFilesTypes';
import { localPath } from './hostAdapters';

export type { FindOptions, LoadedConfigFile, LoadOptions } from '../service/configLookup';

/** `path` is `root` or inside it (lexically) */
export function isInside(path: string, root: string): boolean {
  const r = relative(root, path);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/** what a failed read says: no such file, permission denied, … */
function why(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code ? `cannot read it (${code})` : 'is not valid UTF-8 text';
}

const typeOf = (s: { isFile(): boolean; isDirectory(): boolean }): EntryType => (s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other');

/** at most `maxBytes` bytes of a regular file (a FIFO is not waited on), decoded as strict UTF-8 */
async function readText(path: string, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  let fh;
  try {
    fh = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new Error(why(e), { cause: e });
  }
  try {
    if (!(await fh.stat()).isFile()) throw new Error('is not a regular file');
    const buf = new Uint8Array(maxBytes + 1);
    let n = 0;
    while (n < buf.length) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, Math.min(n, maxBytes)));
    } catch {
      throw new Error('is not valid UTF-8 text');
    }
    return { text, truncated: n > maxBytes };
  } finally {
    await fh.close();
  }
}

/** The disk as a FolderAccess: paths, stat following links (their targets checked by realLocation), lstat in listings. */
export const nodeFolderAccess: FolderAccess = {
  async stat(path) {
    try {
      const s = await stat(path);
      return { type: typeOf(s), size: s.size };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw new Error(why(e), { cause: e });
    }
  },
  readText,
  async list(dir, maxEntries) {
    try {
      // the entries' own types: a symbolic link is 'other', so nothing is read outside the folder
      return (await readdir(dir, { withFileTypes: true })).slice(0, maxEntries).map((d) => ({ name: d.name, type: typeOf(d) }));
    } catch {
      return undefined;
    }
  },
  realLocation: (path) => realpath(path),
  join,
  dirname,
  isInside,
  resolve(base, p) {
    try {
      return p.startsWith('file:') ? fileURLToPath(p) : resolve(base, p);
    } catch {
      return undefined;
    }
  },
};

/** The disk for the editor's file: documents: paths as locations. */
export const diskFolders: HostFolders = { ...nodeFolderAccess, locationOf: localPath, uriOf: (path) => pathToFileURL(path).toString() };

/** The configuration file nearest above `dir` (itself included), or undefined. */
export function findConfigFile(dir: string, options: FindOptions = {}): Promise<string | undefined> {
  return findConfigFileIn(nodeFolderAccess, resolve(dir), { ...options, root: options.root !== undefined ? resolve(options.root) : undefined });
}

/** The folder holding `.git` at or above `dir`, or undefined. */
export function repositoryRoot(dir: string): Promise<string | undefined> {
  return repositoryRootIn(nodeFolderAccess, resolve(dir));
}

/** Reads one configuration file (bounded); never throws. */
export function loadConfigFile(path: string, options: LoadOptions = {}): Promise<LoadedConfigFile> {
  return loadConfigFileIn(nodeFolderAccess, path, options);
}
