/**
 * The repository's configuration file (`.diligence.jsonc` / `.diligence.json`, issue 14): its
 * JSONC text read into settings, the keys it may hold, and how it merges under the user's
 * settings. Pure: finding and reading the file is the host's (node/configFiles.ts).
 */
import { DEFAULT_CONFIG } from './config';

/** the names looked for, in this order, in each folder from the document's up */
export const CONFIG_FILE_NAMES = ['.diligence.jsonc', '.diligence.json'] as const;
/** a configuration file larger than this (characters) is refused */
export const MAX_CONFIG_FILE_SIZE = 256 * 1024;
/** nesting deeper than this is refused (a settings file needs four levels) */
const MAX_DEPTH = 32;

/** A problem of a configuration file, at a line and column (0-based) when it has one. */
export interface ConfigProblem {
  message: string;
  line: number;
  character: number;
  /** a parse error: nothing of the file is used */
  fatal?: boolean;
}

/**
 * The keys a configuration file may set: what belongs to the repository. Where requests go
 * (the GitHub API, the proxy, private hosts, the OpenSSF services) and who the reviewer is are
 * the user's and the machine's, never a repository's: a cloned repository must not send the
 * token elsewhere. `true`: a value; an object: the keys allowed inside.
 */
export const CONFIG_FILE_KEYS: Record<string, true | Record<string, true>> = {
  $schema: true,
  diagnostics: { enabled: true, severity: true },
  files: true,
  links: { enabled: true, ignore: true, timeout: true, cacheTtl: true },
  repositories: true,
  profiles: true,
  templates: { repo: true, path: true, ref: true, file: true },
  evidence: { enabled: true, tocRepo: true, tocProject: true, maxAge: true, projectMetadata: true, projectRepo: true },
};

/**
 * Settings VS Code applies only in trusted workspaces (package.json `restrictedConfigurations`):
 * from a configuration file too they count only there.
 */
export const RESTRICTED_KEYS = ['files', 'links.ignore', 'links.timeout', 'profiles', 'templates.repo', 'templates.path', 'templates.ref', 'templates.file', 'evidence.projectRepo'];

/** `text` with comments and trailing commas blanked out (same length, so positions hold). */
function stripJsonc(text: string): string {
  const out = text.split('');
  let i = 0;
  let lastComma = -1;
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      lastComma = -1;
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const to = end < 0 ? text.length : end;
      blank(i, to);
      i = to;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const to = end < 0 ? text.length : end + 2;
      blank(i, to);
      i = to;
    } else if (c === ',') {
      lastComma = i++;
    } else if (c === '}' || c === ']') {
      if (lastComma >= 0) out[lastComma] = ' ';
      lastComma = -1;
      i++;
    } else {
      if (!/\s/.test(c)) lastComma = -1;
      i++;
    }
  }
  return out.join('');
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}

function depthOf(v: unknown, depth = 0): number {
  if (depth > MAX_DEPTH || typeof v !== 'object' || v === null) return depth;
  let max = depth;
  for (const x of Object.values(v)) max = Math.max(max, depthOf(x, depth + 1));
  return max;
}

/** JSONC text (comments, trailing commas) → its value, or the one error that stops it. */
export function parseJsonc(text: string): { value: unknown } | { error: ConfigProblem } {
  if (text.length > MAX_CONFIG_FILE_SIZE) return { error: { message: `the file has ${text.length.toLocaleString('en')} characters, more than a configuration file may (${MAX_CONFIG_FILE_SIZE.toLocaleString('en')})`, line: 0, character: 0, fatal: true } };
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  let value: unknown;
  try {
    value = JSON.parse(stripJsonc(body));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    const pos = positionAt(body, at ? Number(at[1]) : /end of JSON/i.test(message) ? body.trimEnd().length : 0);
    let why = message.replace(/^JSON\.parse: /, '');
    const cut = why.indexOf(' in JSON at position ');
    if (cut >= 0) why = why.slice(0, cut);
    return { error: { message: `not valid JSON (with comments): ${why}`, ...pos, fatal: true } };
  }
  if (depthOf(value) > MAX_DEPTH) return { error: { message: `nested more than ${MAX_DEPTH} levels deep`, line: 0, character: 0, fatal: true } };
  return { value };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** where `"key"` is first written in the text (for a problem's position), else the start */
function keyPosition(text: string, key: string): { line: number; character: number } {
  const at = text.indexOf(JSON.stringify(key));
  return at < 0 ? { line: 0, character: 0 } : positionAt(text, at);
}

/**
 * A configuration file's text → the settings it holds (the shape of `diligence.*` settings,
 * only the keys of CONFIG_FILE_KEYS) and its problems. `trusted` false: the restricted keys are
 * left out, as VS Code leaves out a restricted workspace's settings.
 */
export function readConfigFile(text: string, trusted = true): { settings: Record<string, unknown>; problems: ConfigProblem[] } {
  const parsed = parseJsonc(text);
  if ('error' in parsed) return { settings: {}, problems: [parsed.error] };
  const problems: ConfigProblem[] = [];
  if (!isObject(parsed.value)) return { settings: {}, problems: [{ message: 'expected an object of settings ({ "diagnostics": { "severity": { … } } }, …)', line: 0, character: 0, fatal: true }] };
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed.value)) {
    const allowed = CONFIG_FILE_KEYS[key];
    const name = key.startsWith('diligence.') ? `"${key}": write it without "diligence." (and nest it: "links": { "ignore": … })` : `"${key}"`;
    if (!allowed) {
      problems.push({ message: `${name} is not a setting a configuration file may hold (those are ${Object.keys(CONFIG_FILE_KEYS).filter((k) => k !== '$schema').join(', ')})`, ...keyPosition(text, key) });
      continue;
    }
    if (key === '$schema') continue;
    if (allowed === true) {
      if (trusted || !RESTRICTED_KEYS.includes(key)) settings[key] = value;
      continue;
    }
    if (!isObject(value)) {
      problems.push({ message: `"${key}": expected an object`, ...keyPosition(text, key) });
      continue;
    }
    const inner: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (!allowed[k]) problems.push({ message: `"${key}.${k}" is not a setting a configuration file may hold (in "${key}": ${Object.keys(allowed).join(', ')})`, ...keyPosition(text, k) });
      else if (trusted || !RESTRICTED_KEYS.includes(`${key}.${k}`)) inner[k] = v;
    }
    settings[key] = inner;
  }
  return { settings, problems };
}

const isEmpty = (v: unknown): boolean => v === '' || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);

/**
 * The user's settings over a configuration file's, key by key. A user's value that is empty or
 * the default does not hide the file's: VS Code hands the server every setting, those left at
 * their default included, and cannot say which were set.
 */
export function mergeUnderUser(file: Record<string, unknown>, user: unknown, defaults: unknown = DEFAULT_CONFIG): Record<string, unknown> {
  const out: Record<string, unknown> = { ...file };
  if (!isObject(user)) return out;
  for (const [k, v] of Object.entries(user)) {
    const f = out[k];
    const d = isObject(defaults) ? defaults[k] : undefined;
    if (isObject(f) && isObject(v)) out[k] = mergeUnderUser(f, v, k === 'severity' ? undefined : d);
    else if (f === undefined || !(isEmpty(v) || JSON.stringify(v) === JSON.stringify(d))) out[k] = v;
  }
  return out;
}
