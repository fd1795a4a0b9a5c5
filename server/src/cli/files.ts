/**
 * The FILE arguments: files, folders (their markdown files at any depth), globs the shell left
 * quoted (`'projects/*\/*-dd.md'`, expanded here as markdownlint-cli2 and lychee do, with the
 * same matcher as `diligence.files`) and `-` for standard input.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { globMatcher } from '../service/files';

/** `-`: the document is read from standard input */
export const STDIN = '-';

/** entries looked at while expanding one folder or glob, at most */
const MAX_VISITED = 200_000;

const GLOB_CHARS = /[*?[{]/;

function isMarkdown(name: string): boolean {
  return /\.(?:md|markdown)$/i.test(name);
}

function exists(path: string): 'file' | 'dir' | undefined {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

/**
 * Files under `dir` (its path as written, joined with `/`), down to `depth` folders below it;
 * dot folders and node_modules are not entered, symbolic links to folders are not followed.
 */
function walk(dir: string, depth: number, visit: (path: string) => void, budget: { left: number }): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir === '' ? '.' : dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (--budget.left < 0) return;
    const path = dir === '' ? e.name : dir.endsWith('/') ? `${dir}${e.name}` : `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (depth > 0 && !e.name.startsWith('.') && e.name !== 'node_modules') walk(path, depth - 1, visit, budget);
    } else if (e.isFile() || (e.isSymbolicLink() && exists(join(path)) === 'file')) visit(path);
  }
}

/** A glob's folder to start from (its segments before the first with a wildcard) and how deep to go. */
function globBase(pattern: string): { base: string; depth: number } {
  const segments = pattern.split('/');
  const first = segments.findIndex((s) => GLOB_CHARS.test(s));
  const rest = segments.slice(first);
  const base = segments.slice(0, first).join('/');
  return { base: base === '' && pattern.startsWith('/') ? '/' : base, depth: rest.includes('**') || rest.some((s) => s.includes('**')) ? Infinity : rest.length - 1 };
}

export interface Expanded {
  /** in the order given, each file once (`-` stands for standard input) */
  files: string[];
  /** one sentence per argument that named nothing: a glob no file matches, a folder without markdown */
  problems: string[];
}

/** Expands the FILE arguments. A path that does not exist and is no glob is kept: reading it says why. */
export function expandFiles(args: readonly string[]): Expanded {
  const files: string[] = [];
  const seen = new Set<string>();
  const problems: string[] = [];
  const add = (f: string): void => {
    const key = f === STDIN ? f : join(f);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(f);
    }
  };
  for (const arg of args) {
    const kind = arg === STDIN ? 'file' : exists(arg);
    if (kind === 'file') add(arg);
    else if (kind === 'dir') {
      const before = files.length;
      const budget = { left: MAX_VISITED };
      walk(arg, Infinity, (p) => { if (isMarkdown(p)) add(p); }, budget);
      if (budget.left < 0) problems.push(`${arg}: more than ${MAX_VISITED.toLocaleString('en')} entries; name the folders or a glob`);
      else if (files.length === before) problems.push(`${arg}: no markdown file in this folder`);
    } else if (GLOB_CHARS.test(arg)) {
      const pattern = arg.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
      const matches = globMatcher(pattern);
      const { base, depth } = globBase(pattern);
      const before = files.length;
      const budget = { left: MAX_VISITED };
      walk(base, depth, (p) => { if (matches(p)) add(p); }, budget);
      if (budget.left < 0) problems.push(`${arg}: more than ${MAX_VISITED.toLocaleString('en')} entries under ${base || '.'}; narrow the glob`);
      else if (files.length === before) problems.push(`${arg}: no file matches`);
    } else add(arg);
  }
  return { files, problems };
}

/** A file's path as printed: relative to the working folder unless it is outside it. */
export function displayPath(path: string): string {
  const display = relative(process.cwd(), resolve(path)) || path;
  return display.startsWith('..') ? path : display;
}
