/**
 * Profile files written by users: checked field by field, with messages that say where the
 * problem is and what was expected (`my.json: areas[1].criteria[0].level: expected "required",
 * "suggested" or "other", got "must"`). A profile with a problem is left out; the others load.
 */
import { titlePatternProblem } from './titlePattern';
import type { FileSystem } from '../host';
import type { DetectorId, Profile, ProfileArea, ProfileCriterion, ProfileLevel } from './types';

export const DETECTOR_IDS: readonly DetectorId[] = [
  'security-policy', 'code-of-conduct', 'contributing', 'governance', 'maintainers', 'adopters', 'roadmap', 'release-process',
  'changelog', 'license', 'openssf-badge', 'scorecard', 'releases', 'contributors', 'readme-maturity', 'community-channels',
  'scorecard-checks', 'toc-tech-review', 'toc-governance-review', 'toc-security-assessment',
  'contributor-organisations', 'maintainer-organisations', 'security-audits', 'sub-projects',
];
const LEVELS: readonly ProfileLevel[] = ['required', 'suggested', 'other'];

export interface ProfileLoadResult {
  profiles: Profile[];
  /** one sentence each, starting with the source and the field */
  problems: string[];
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 39) + '…' : v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Checker {
  readonly problems: string[] = [];
  constructor(private readonly source: string) {}
  fail(path: string, expected: string, got: unknown): void {
    this.problems.push(`${this.source}: ${path}: expected ${expected}, got ${got === undefined ? 'nothing' : describe(got)}`);
  }
  say(path: string, message: string): void {
    this.problems.push(`${this.source}: ${path}: ${message}`);
  }
  string(obj: Record<string, unknown>, key: string, path: string, optional = false): string | undefined {
    const v = obj[key];
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || v.trim() === '') {
      this.fail(`${path}.${key}`, 'a non-empty string', v);
      return undefined;
    }
    return v;
  }
  strings(obj: Record<string, unknown>, key: string, path: string, optional = false): string[] | undefined {
    const v = obj[key];
    if (v === undefined && optional) return [];
    if (!Array.isArray(v)) {
      this.fail(`${path}.${key}`, 'a list of strings', v);
      return undefined;
    }
    const bad = v.findIndex((x) => typeof x !== 'string' || x.trim() === '');
    if (bad >= 0) {
      this.fail(`${path}.${key}[${bad}]`, 'a non-empty string', v[bad]);
      return undefined;
    }
    return v as string[];
  }
}

function criterion(ck: Checker, raw: unknown, path: string): ProfileCriterion | undefined {
  if (!isObject(raw)) {
    ck.fail(path, 'an object with id, title, level, keywords, evidence', raw);
    return undefined;
  }
  const before = ck.problems.length;
  const id = ck.string(raw, 'id', path);
  const title = ck.string(raw, 'title', path);
  const level = raw['level'];
  if (typeof level !== 'string' || !(LEVELS as string[]).includes(level)) ck.fail(`${path}.level`, '"required", "suggested" or "other"', level);
  const keywords = ck.strings(raw, 'keywords', path, true);
  const evidence = ck.strings(raw, 'evidence', path, true);
  evidence?.forEach((e, i) => {
    if (!(DETECTOR_IDS as string[]).includes(e)) ck.fail(`${path}.evidence[${i}]`, `one of ${DETECTOR_IDS.join(', ')}`, e);
  });
  const until = raw['until'];
  if (until !== undefined && (typeof until !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(until))) ck.fail(`${path}.until`, 'a date YYYY-MM-DD', until);
  if (ck.problems.length > before || !id || !title || !keywords || !evidence) return undefined;
  return { id, title, level: level as ProfileLevel, keywords, evidence: evidence as DetectorId[], ...(typeof until === 'string' ? { until } : {}) };
}

function area(ck: Checker, raw: unknown, path: string): ProfileArea | undefined {
  if (!isObject(raw)) {
    ck.fail(path, 'an object with id, name, criteria', raw);
    return undefined;
  }
  const before = ck.problems.length;
  const id = ck.string(raw, 'id', path);
  const name = ck.string(raw, 'name', path);
  const list = raw['criteria'];
  if (!Array.isArray(list)) {
    ck.fail(`${path}.criteria`, 'a list of criteria', list);
    return undefined;
  }
  const criteria = list.map((c, i) => criterion(ck, c, `${path}.criteria[${i}]`));
  if (ck.problems.length > before || !id || !name) return undefined;
  return { id, name, criteria: criteria as ProfileCriterion[] };
}

/** One profile object → a Profile, or undefined with the problems recorded. */
function profile(ck: Checker, raw: unknown, path: string): Profile | undefined {
  const at = (k: string): string => (path ? `${path}.${k}` : k);
  if (!isObject(raw)) {
    ck.fail(path || 'profile', 'a profile object', raw);
    return undefined;
  }
  const before = ck.problems.length;
  const root = path || 'profile';
  const id = ck.string(raw, 'id', root);
  const name = ck.string(raw, 'name', root);
  const foundation = ck.string(raw, 'foundation', root);
  const stage = ck.string(raw, 'stage', root);
  if (id !== undefined && !/^[a-z0-9][a-z0-9._-]*$/.test(id)) ck.fail(at('id'), 'lower-case letters, digits, ".", "_" or "-"', id);
  const detectRaw = raw['detect'];
  let detect: Profile['detect'] | undefined;
  if (!isObject(detectRaw)) {
    ck.fail(at('detect'), 'an object with titlePatterns and keywords', detectRaw);
  } else {
    const titlePatterns = ck.strings(detectRaw, 'titlePatterns', at('detect'), true);
    const keywords = ck.strings(detectRaw, 'keywords', at('detect'), true);
    titlePatterns?.forEach((p, i) => {
      try {
        new RegExp(p, 'i');
        const problem = titlePatternProblem(p);
        if (problem !== undefined) ck.say(at(`detect.titlePatterns[${i}]`), `refused: ${problem}`);
      } catch (e) {
        ck.say(at(`detect.titlePatterns[${i}]`), `not a valid regular expression (${e instanceof Error ? e.message : String(e)})`);
      }
    });
    if (titlePatterns && keywords) detect = { titlePatterns, keywords };
  }
  const areasRaw = raw['areas'];
  let areas: ProfileArea[] = [];
  if (!Array.isArray(areasRaw) || areasRaw.length === 0) {
    ck.fail(at('areas'), 'a non-empty list of areas', areasRaw);
  } else {
    areas = areasRaw.map((a, i) => area(ck, a, at(`areas[${i}]`))).filter((a): a is ProfileArea => a !== undefined);
  }
  let template: Profile['template'];
  const t = raw['template'];
  if (t !== undefined) {
    if (!isObject(t)) {
      ck.fail(at('template'), 'an object with repo and path', t);
    } else {
      const repo = ck.string(t, 'repo', at('template'));
      const tpath = ck.string(t, 'path', at('template'));
      const ref = ck.string(t, 'ref', at('template'), true);
      if (repo !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(repo)) ck.fail(at('template.repo'), '"owner/name"', repo);
      if (repo && tpath) template = { repo, path: tpath, ...(ref ? { ref } : {}) };
    }
  }
  const seen = new Map<string, string>();
  areas.forEach((a, i) => a.criteria.forEach((c, j) => {
    const where = at(`areas[${i}].criteria[${j}].id`);
    const first = seen.get(c.id);
    if (first) ck.say(where, `"${c.id}" is already the id of ${first}; criterion ids must be unique in a profile`);
    else seen.set(c.id, at(`areas[${i}].criteria[${j}]`));
  }));
  if (ck.problems.length > before || !id || !name || !foundation || !stage || !detect) return undefined;
  return { id, name, foundation, stage, detect, areas, ...(template ? { template } : {}) };
}

/**
 * Profiles from parsed JSON: one profile object, a list of them, or `{ "profiles": [...] }`.
 * `source` names where they came from in the messages (a file path).
 */
export function validateProfiles(raw: unknown, source: string): ProfileLoadResult {
  const ck = new Checker(source);
  let list: unknown[];
  let prefix: (i: number) => string;
  if (Array.isArray(raw)) {
    list = raw;
    prefix = (i) => `[${i}]`;
  } else if (isObject(raw) && Array.isArray(raw['profiles'])) {
    list = raw['profiles'];
    prefix = (i) => `profiles[${i}]`;
  } else if (isObject(raw) && !('profiles' in raw)) {
    list = [raw];
    prefix = () => '';
  } else {
    ck.fail('profiles', 'a profile object, a list of profiles, or { "profiles": [...] }', isObject(raw) ? raw['profiles'] : raw);
    return { profiles: [], problems: ck.problems };
  }
  const profiles: Profile[] = [];
  const ids = new Set<string>();
  list.forEach((p, i) => {
    const ok = profile(ck, p, prefix(i));
    if (!ok) return;
    if (ids.has(ok.id)) {
      ck.say(`${prefix(i) || 'profile'}.id`, `"${ok.id}" is defined twice in this file`);
      return;
    }
    ids.add(ok.id);
    profiles.push(ok);
  });
  return { profiles, problems: ck.problems };
}

/** The line and column of a JSON.parse error offset, when the engine gives one. */
function jsonErrorWhere(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return '';
  const at = Math.min(Number(m[1]), text.length);
  const before = text.slice(0, at).split('\n');
  return ` (line ${before.length}, column ${before[before.length - 1]!.length + 1})`;
}

/** Profile file text → profiles, with JSON syntax errors located. */
export function parseProfileFile(text: string, source: string): ProfileLoadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { profiles: [], problems: [`${source}: not valid JSON${jsonErrorWhere(text, message)}: ${message}`] };
  }
  return validateProfiles(raw, source);
}

/**
 * Reads the profile files named by `diligence.profiles` through the host's FileSystem. Paths are
 * resolved by the host (`resolve`) before reading; a file that cannot be read is a problem, not
 * an exception.
 */
export async function loadProfileFiles(paths: readonly string[], files: FileSystem, resolve: (path: string) => string = (p) => p): Promise<ProfileLoadResult> {
  const out: ProfileLoadResult = { profiles: [], problems: [] };
  const ids = new Map<string, string>();
  for (const path of paths) {
    const uri = resolve(path);
    let text: string | undefined;
    try {
      text = await files.readFile(uri);
    } catch (e) {
      out.problems.push(`${path}: cannot be read (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    if (text === undefined) {
      out.problems.push(`${path}: no such file (diligence.profiles)`);
      continue;
    }
    const r = parseProfileFile(text, path);
    out.problems.push(...r.problems);
    for (const p of r.profiles) {
      const other = ids.get(p.id);
      if (other) {
        out.problems.push(`${path}: profile "${p.id}" is also defined in ${other}; the first one is used`);
        continue;
      }
      ids.set(p.id, path);
      out.profiles.push(p);
    }
  }
  return out;
}
