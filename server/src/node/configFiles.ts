/**
 * Finding and reading the repository's configuration file (`.diligence.jsonc` /
 * `.diligence.json`) on disk, for the language server and the CLI. The core reads its text
 * (service/configFile.ts); here: the upward search, the bounded read, and the paths it names
 * (profiles, a template file) resolved against its folder and kept inside the root.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE_NAMES, MAX_CONFIG_FILE_SIZE, readConfigFile, type ConfigProblem } from '../service/configFile';

/** A configuration file as read: its settings (paths made absolute) and what was wrong with it. */
export interface LoadedConfigFile {
  path: string;
  settings: Record<string, unknown>;
  problems: ConfigProblem[];
  /** a parse error or an unreadable file: none of its settings are used */
  fatal: boolean;
}

/** folders walked at most from a document up */
const MAX_LEVELS = 64;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** `path` is `root` or inside it (lexically) */
export function isInside(path: string, root: string): boolean {
  const r = relative(root, path);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

export interface FindOptions {
  /** the last folder looked in (the workspace folder); a folder not inside it is not looked in */
  root?: string | undefined;
  /** stop at the folder holding `.git` (the repository's root), as the CLI does */
  stopAtRepository?: boolean;
}

/** The configuration file nearest above `dir` (itself included), or undefined. */
export async function findConfigFile(dir: string, options: FindOptions = {}): Promise<string | undefined> {
  let current = resolve(dir);
  if (options.root !== undefined && !isInside(current, options.root)) return undefined;
  for (let level = 0; level < MAX_LEVELS; level++) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(current, name);
      if (await isFile(candidate)) return candidate;
    }
    if (options.root !== undefined && resolve(current) === resolve(options.root)) return undefined;
    if (options.stopAtRepository && await exists(join(current, '.git'))) return undefined;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
  return undefined;
}

/** The folder holding `.git` at or above `dir`, or undefined. */
export async function repositoryRoot(dir: string): Promise<string | undefined> {
  let current = resolve(dir);
  for (let level = 0; level < MAX_LEVELS; level++) {
    if (await exists(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
  return undefined;
}

/** a path the file names → absolute (relative: to the file's folder), or why it is refused */
function resolvePath(p: string, base: string, root: string | undefined): string | { refused: string } {
  let abs: string;
  try {
    abs = p.startsWith('file:') ? fileURLToPath(p) : resolve(base, p);
  } catch {
    return { refused: `"${p}" is not a path` };
  }
  if (root !== undefined && !isInside(abs, root)) return { refused: `"${p}" is outside ${root}: a configuration file names files inside it only` };
  return abs;
}

/** profiles and templates.file made absolute; those outside `root` left out (a problem each) */
function resolvePaths(settings: Record<string, unknown>, path: string, root: string | undefined, problems: ConfigProblem[]): void {
  const base = dirname(path);
  const refuse = (why: string): void => void problems.push({ message: why, line: 0, character: 0 });
  const profiles = settings['profiles'];
  if (typeof profiles === 'string' || Array.isArray(profiles)) {
    const out: unknown[] = [];
    for (const p of typeof profiles === 'string' ? [profiles] : profiles) {
      if (typeof p !== 'string' || p.trim() === '') {
        out.push(p);
        continue;
      }
      const r = resolvePath(p.trim(), base, root);
      if (typeof r === 'string') out.push(r);
      else refuse(`profiles: ${r.refused}`);
    }
    settings['profiles'] = out;
  }
  const templates = settings['templates'] as Record<string, unknown> | undefined;
  if (templates && typeof templates['file'] === 'string' && templates['file'].trim() !== '') {
    const r = resolvePath(templates['file'].trim(), base, root);
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

/** Reads one configuration file (bounded); never throws. */
export async function loadConfigFile(path: string, options: LoadOptions = {}): Promise<LoadedConfigFile> {
  const fail = (message: string): LoadedConfigFile => ({ path, settings: {}, problems: [{ message, line: 0, character: 0, fatal: true }], fatal: true });
  let text: string;
  try {
    const st = await stat(path);
    if (!st.isFile()) return fail('is not a regular file');
    // a symbolic link out of the root is not followed: nothing outside it is read
    if (options.root !== undefined && !isInside(await realpath(path), await realpath(options.root).catch(() => options.root!))) return fail(`is a link to a file outside ${options.root}: not read`);
    // UTF-8 takes at most 4 bytes a character
    if (st.size > 4 * MAX_CONFIG_FILE_SIZE) return fail(`is ${st.size.toLocaleString('en')} bytes, more than a configuration file may be`);
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code ? `cannot read it (${code})` : 'is not valid UTF-8 text');
  }
  const { settings, problems } = readConfigFile(text, options.trusted ?? true);
  const fatal = problems.some((p) => p.fatal);
  if (!fatal) resolvePaths(settings, path, options.root, problems);
  return { path, settings: fatal ? {} : settings, problems, fatal };
}
