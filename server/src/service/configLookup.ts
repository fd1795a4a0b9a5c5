/**
 * Finding and reading the repository's configuration file (`.diligence.jsonc` /
 * `.diligence.json`) over a host's FolderAccess: the upward search, the bounded read, and the
 * paths it names (profiles, a template file) resolved against its folder and kept inside the
 * root. The same code serves Node's paths (node/configFiles.ts, the CLI) and the client's URIs
 * (the browser, virtual workspaces: handlers/configFiles.ts).
 */
import { CONFIG_FILE_NAMES, MAX_CONFIG_FILE_SIZE, readConfigFile, type ConfigProblem } from './configFile';
import type { FolderAccess } from './folderAccess';

/** A configuration file as read: its settings (paths made absolute) and what was wrong with it. */
export interface LoadedConfigFile {
  /** where it is: a path (Node) or a URI (read through the client) */
  path: string;
  settings: Record<string, unknown>;
  problems: ConfigProblem[];
  /** a parse error or an unreadable file: none of its settings are used */
  fatal: boolean;
}

/** folders walked at most from a document up */
const MAX_LEVELS = 64;
/** UTF-8 takes at most 4 bytes a character */
const MAX_CONFIG_BYTES = 4 * MAX_CONFIG_FILE_SIZE;

export interface FindOptions {
  /** the last folder looked in (the workspace folder); a folder not inside it is not looked in */
  root?: string | undefined;
  /** stop at the folder holding `.git` (the repository's root), as the CLI does */
  stopAtRepository?: boolean;
}

const isFile = (fs: FolderAccess, loc: string): Promise<boolean> => fs.stat(loc).then((s) => s?.type === 'file', () => false);
const exists = (fs: FolderAccess, loc: string): Promise<boolean> => fs.stat(loc).then((s) => s !== undefined, () => false);

/** The configuration file nearest above `dir` (itself included), or undefined; `dir` and the root as the host normalises them. */
export async function findConfigFileIn(fs: FolderAccess, dir: string, options: FindOptions = {}): Promise<string | undefined> {
  let current = dir;
  for (let level = 0; level < MAX_LEVELS; level++) {
    if (options.root !== undefined && !fs.isInside(current, options.root)) return undefined;
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = fs.join(current, name);
      if (await isFile(fs, candidate)) return candidate;
    }
    if (options.root !== undefined && current === options.root) return undefined;
    if (options.stopAtRepository && await exists(fs, fs.join(current, '.git'))) return undefined;
    const parent = fs.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
  return undefined;
}

/** The folder holding `.git` at or above `dir`, or undefined. */
export async function repositoryRootIn(fs: FolderAccess, dir: string): Promise<string | undefined> {
  let current = dir;
  for (let level = 0; level < MAX_LEVELS; level++) {
    if (await exists(fs, fs.join(current, '.git'))) return current;
    const parent = fs.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
  return undefined;
}

/** a path the file names → a location (relative: to the file's folder), or why it is refused */
function resolvePath(fs: FolderAccess, p: string, base: string, root: string | undefined): string | { refused: string } {
  const abs = fs.resolve(base, p);
  if (abs === undefined) return { refused: `"${p}" is not a path` };
  if (root !== undefined && !fs.isInside(abs, root)) return { refused: `"${p}" is outside ${root}: a configuration file names files inside it only` };
  return abs;
}

/** profiles and templates.file made absolute; those outside `root` left out (a problem each) */
function resolvePaths(fs: FolderAccess, settings: Record<string, unknown>, path: string, root: string | undefined, problems: ConfigProblem[]): void {
  const base = fs.dirname(path);
  const refuse = (why: string): void => void problems.push({ message: why, line: 0, character: 0 });
  const profiles = settings['profiles'];
  if (typeof profiles === 'string' || Array.isArray(profiles)) {
    const out: unknown[] = [];
    for (const p of typeof profiles === 'string' ? [profiles] : profiles) {
      if (typeof p !== 'string' || p.trim() === '') {
        out.push(p);
        continue;
      }
      const r = resolvePath(fs, p.trim(), base, root);
      if (typeof r === 'string') out.push(r);
      else refuse(`profiles: ${r.refused}`);
    }
    settings['profiles'] = out;
  }
  const templates = settings['templates'] as Record<string, unknown> | undefined;
  if (templates && typeof templates['file'] === 'string' && templates['file'].trim() !== '') {
    const r = resolvePath(fs, templates['file'].trim(), base, root);
    if (typeof r === 'string') templates['file'] = r;
    else {
      refuse(`templates.file: ${r.refused}`);
      delete templates['file'];
    }
  }
}

export interface LoadOptions {
  /** false in an untrusted workspace: the restricted settings are left out */
  trusted?: boolean;
  /** paths the file names must stay inside this folder (the workspace folder, the repository) */
  root?: string | undefined;
}

/** the text of the file, or why it is not read */
async function boundedText(fs: FolderAccess, path: string, root: string | undefined): Promise<string | { fail: string }> {
  try {
    const st = await fs.stat(path);
    if (!st) return { fail: 'no such file' };
    if (st.type !== 'file') return { fail: 'is not a regular file' };
    // a symbolic link out of the root is not followed: nothing outside it is read
    if (root !== undefined && fs.realLocation) {
      const real = fs.realLocation;
      if (!fs.isInside(await real(path), await real(root).catch(() => root))) return { fail: `is a link to a file outside ${root}: not read` };
    }
    if (st.size > MAX_CONFIG_BYTES) return { fail: `is ${st.size.toLocaleString('en')} bytes, more than a configuration file may be` };
    const read = await fs.readText(path, MAX_CONFIG_BYTES);
    if (read.truncated) return { fail: `is more than ${MAX_CONFIG_BYTES.toLocaleString('en')} bytes, more than a configuration file may be` };
    return read.text;
  } catch (e) {
    return { fail: e instanceof Error && e.message ? e.message : 'cannot read it' };
  }
}

/** Reads one configuration file (bounded); never throws. */
export async function loadConfigFileIn(fs: FolderAccess, path: string, options: LoadOptions = {}): Promise<LoadedConfigFile> {
  const text = await boundedText(fs, path, options.root);
  if (typeof text !== 'string') return { path, settings: {}, problems: [{ message: text.fail, line: 0, character: 0, fatal: true }], fatal: true };
  const { settings, problems } = readConfigFile(text, options.trusted ?? true);
  const fatal = problems.some((p) => p.fatal);
  if (!fatal) resolvePaths(fs, settings, path, options.root, problems);
  return { path, settings: fatal ? {} : settings, problems, fatal };
}
