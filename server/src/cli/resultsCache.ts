/**
 * `--cache-dir`: a file's diagnostics are reused when nothing they depend on changed, like
 * `eslint --cache`. There is one entry per file and settings (a hash of the tool's version, the
 * settings, the profiles' and the template file's text and the file's location), holding a hash
 * of the content it was made from: a changed file replaces its entry, so the cache does not grow
 * with every edit. An entry also lists the
 * files it read (relative link targets, a template beside it) with their size and time, and
 * expires with the earliest link verdict or network template it used (their own TTL). A result
 * that depended on something transient (a link that could not be checked, a template that could
 * not be read over the network, a template from a workspace checkout) is not kept.
 */
import { statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { fileCacheStorage } from '../node/cacheFile';
import type { CacheStorage, CancellationToken, DiligenceModel, LinkChecker } from '../service/index';
import type { LinkReport } from '../service/links/checkRun';
import type { NotChecked } from '../service/links/types';
import type { TemplateInfo } from '../service/template/model';

const FILE = 'results.json';
const FORMAT = 3;
/** entries kept at most (the least recently used go first) */
const MAX_ENTRIES = 5000;
/** how finely the last use of an entry is kept (the eviction order needs no finer) */
const USED_GRANULARITY_MS = 24 * 3600 * 1000;

/**
 * A diagnostic in the file: [code, severity, start line, start character, end line, end
 * character, message's index in the file's table]; one with anything else stays an object. A
 * folder of documents from one template repeats its messages (8,174 diagnostics, 1,397 messages
 * on the benchmark's 41 documents): the file is a fraction of the size, and read in a fraction of
 * the time, which is most of a run where nothing changed.
 */
type Packed = [string, number, number, number, number, number, number] | Diagnostic;

interface Entry {
  /** the hash of the content the diagnostics are for */
  content: string;
  /** as the formats print them (without `source` and `data`); packed as read from the file */
  diagnostics: Diagnostic[] | { packed: Packed[] };
  /** [path, signature] of each file the result read */
  deps: Array<[string, string]>;
  /** ms since the epoch; absent: never */
  expires?: number;
  /** last used, ms since the epoch */
  used: number;
  /** the start of the salt it was made under (the tool's build, the settings): see `save` */
  salt?: string;
}

/** the salts (builds of the tool, settings) whose entries are kept: this run's and the most recently used others */
const MAX_SALTS = 4;

function signature(path: string): string {
  try {
    const st = statSync(path);
    return `${st.isDirectory() ? 'd' : 'f'}:${st.size}:${st.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/** The files a document's result read: its relative link targets (fragment and query left off). */
export function relativeTargets(uri: string, model: DiligenceModel): string[] {
  const out = new Set<string>();
  for (const l of model.links) {
    const url = l.url.trim();
    if (url === '' || url.startsWith('#') || url.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(url)) continue;
    try {
      const target = new URL(url, uri);
      if (target.protocol !== 'file:' || target.host !== '') continue;
      target.hash = '';
      target.search = '';
      out.add(fileURLToPath(target));
    } catch {
      // a malformed target: the diagnostics say so from the content alone
    }
  }
  return [...out];
}

/** What one check of one file used, for its entry. */
export class RunRecord {
  private readonly reports = new Map<string, LinkReport>();

  /** The link checker, recording each document's report. */
  recording(inner: LinkChecker): LinkChecker {
    return {
      get cache() {
        return inner.cache;
      },
      check: async (links, options, token: CancellationToken) => {
        const report = await inner.check(links, options, token);
        this.reports.set(options.documentUri, report);
        return report;
      },
    };
  }

  /**
   * When the result of this document stops being valid (undefined: it stays valid), or
   * 'transient' when it must not be kept.
   */
  validity(uri: string, linkTtlSeconds: number, template: TemplateInfo | undefined, templateTtlSeconds: number, now: number, online: boolean): number | undefined | 'transient' {
    const report = this.reports.get(uri);
    this.reports.delete(uri);
    let expires: number | undefined;
    const until = (t: number): void => {
      expires = expires === undefined ? t : Math.min(expires, t);
    };
    if (report) {
      // a rate limit or a cancellation ends; offline, untrusted, too many links do not
      const passing = (n: NotChecked | undefined): boolean => n?.reason === 'rate-limited' || n?.reason === 'cancelled';
      if (passing(report.notChecked)) return 'transient';
      for (const r of report.results.values()) {
        if (passing(r.notChecked)) return 'transient';
        if (r.checkedAt !== undefined && /^https?:/i.test(r.url)) until(r.checkedAt + linkTtlSeconds * 1000);
      }
    }
    if (template) {
      if (template.source === 'workspace') return 'transient';
      if (template.problem !== undefined && online) return 'transient';
      if (template.source === 'github' || (template.repo !== undefined && template.source === 'front-matter')) until(now + templateTtlSeconds * 1000);
    }
    return expires;
  }
}

/** Where results are looked up and kept (the cache file; in a worker thread, a recorder). */
export interface ResultsStore {
  key(uri: string, text: string): string;
  get(key: string, now: number): Diagnostic[] | undefined;
  set(key: string, diagnostics: Diagnostic[], deps: readonly string[], expires: number | undefined, now: number): void;
  save(): Promise<void>;
}

export class ResultsCache implements ResultsStore {
  private entries = new Map<string, Entry>();
  /** the message table of the file read */
  private messages: string[] = [];
  private readonly storage: CacheStorage;
  private changed = false;

  private constructor(dir: string, private readonly salt: string, private readonly createHash: typeof import('node:crypto').createHash) {
    this.storage = fileCacheStorage(join(dir, FILE));
  }

  /** `salt`: what every entry depends on (tool version, settings, profiles, template file). */
  static async open(dir: string, salt: unknown, warn: (m: string) => void): Promise<ResultsCache> {
    // node:crypto (and the streams it loads) only for a run with --cache-dir
    const { createHash } = await import('node:crypto');
    const c = new ResultsCache(dir, createHash('sha256').update(JSON.stringify(salt)).digest('hex'), createHash);
    // the folder exists before any result is recorded: made at the end, inside the documents'
    // folder, it would change that folder (a dependency of each result) after the fact
    try {
      await mkdir(dir, { recursive: true });
    } catch (e) {
      warn(`could not create ${dir}: ${String(e)}`);
    }
    try {
      const raw = await c.storage.load();
      if (raw !== undefined) {
        const data = JSON.parse(raw) as { format?: number; messages?: string[]; entries?: Record<string, Omit<Entry, 'diagnostics'> & { diagnostics: Packed[] }> };
        if (data.format === FORMAT && data.entries && typeof data.entries === 'object' && Array.isArray(data.messages) && wellFormed(data.entries, data.messages.length)) {
          c.messages = data.messages;
          c.entries = new Map(Object.entries(data.entries).map(([k, e]) => [k, { ...e, diagnostics: { packed: e.diagnostics } }]));
        }
      }
    } catch (e) {
      warn(`could not read ${FILE}: ${String(e)}`);
    }
    return c;
  }

  /** `slot content`: the hash of the settings and the file's location, then that of its content */
  key(uri: string, text: string): string {
    const slot = this.createHash('sha256').update(this.salt).update('\0').update(uri).digest('hex');
    return `${slot} ${this.createHash('sha256').update(text).digest('hex')}`;
  }

  get(key: string, now: number): Diagnostic[] | undefined {
    const [slot = '', content] = key.split(' ');
    const e = this.entries.get(slot);
    if (!e || e.content !== content) return undefined;
    if ((e.expires !== undefined && e.expires <= now) || e.deps.some(([p, s]) => signature(p) !== s)) {
      this.entries.delete(slot);
      this.changed = true;
      return undefined;
    }
    // the last use is kept to the day: a run that changes nothing writes nothing
    if (now - e.used >= USED_GRANULARITY_MS) {
      e.used = now;
      this.changed = true;
    }
    if (!Array.isArray(e.diagnostics)) e.diagnostics = this.unpack(e.diagnostics.packed);
    return e.diagnostics;
  }

  private unpack(packed: Packed[]): Diagnostic[] {
    return packed.map((d) => {
      if (!Array.isArray(d)) return d;
      const [code, severity, sl, sc, el, ec, m] = d;
      return { range: { start: { line: sl, character: sc }, end: { line: el, character: ec } }, severity: severity as Diagnostic['severity'], code, message: this.messages[m] ?? '' };
    });
  }

  /** The entries as the file holds them, with their message table. */
  private static pack(entries: ReadonlyArray<[string, Entry]>, read: readonly string[]): { messages: string[]; entries: Record<string, unknown> } {
    const messages: string[] = [];
    const index = new Map<string, number>();
    const ref = (m: string): number => {
      let i = index.get(m);
      if (i === undefined) index.set(m, (i = messages.push(m) - 1));
      return i;
    };
    const packOne = (d: Diagnostic): Packed => {
      const plain = typeof d.code === 'string' && typeof d.severity === 'number' && typeof d.message === 'string' && Object.keys(d).every((k) => k === 'range' || k === 'severity' || k === 'code' || k === 'message');
      return plain ? [d.code as string, d.severity!, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, ref(d.message as string)] : d;
    };
    const out: Record<string, unknown> = {};
    for (const [k, e] of entries) {
      // an entry read and not used keeps its packed form, against the new table
      const diagnostics = Array.isArray(e.diagnostics) ? e.diagnostics.map(packOne) : e.diagnostics.packed.map((d) => (Array.isArray(d) ? [...d.slice(0, 6), ref(read[d[6]] ?? '')] : d));
      out[k] = { ...e, diagnostics };
    }
    return { messages, entries: out };
  }

  set(key: string, diagnostics: Diagnostic[], deps: readonly string[], expires: number | undefined, now: number): void {
    const [slot = '', content = ''] = key.split(' ');
    // what no output format prints is not kept (`source` is ours, `data` serves the editor's quick fixes)
    const printed = diagnostics.map(({ source: _source, data: _data, ...d }) => d);
    this.entries.set(slot, { content, diagnostics: printed, deps: deps.map((p) => [p, signature(p)]), ...(expires !== undefined ? { expires } : {}), used: now, salt: this.salt.slice(0, 16) });
    this.changed = true;
  }

  async save(): Promise<void> {
    if (!this.changed) return;
    // a new build or other settings make new entries; those of builds and settings not used lately go
    // (each rebuild of the tool would otherwise add one entry per file until MAX_ENTRIES)
    const lastUse = new Map<string, number>();
    for (const e of this.entries.values()) lastUse.set(e.salt ?? '', Math.max(lastUse.get(e.salt ?? '') ?? 0, e.used));
    const mine = this.salt.slice(0, 16);
    const salts = new Set([mine, ...[...lastUse].filter(([k]) => k !== mine).sort((a, b) => b[1] - a[1]).slice(0, MAX_SALTS - 1).map(([k]) => k)]);
    const kept = [...this.entries].filter(([, e]) => salts.has(e.salt ?? '')).sort((a, b) => b[1].used - a[1].used).slice(0, MAX_ENTRIES);
    await this.storage.save(JSON.stringify({ format: FORMAT, ...ResultsCache.pack(kept, this.messages) }));
  }
}

/** A file's entries are of the shape written (anything else, a hand-edited or broken file, is not used). */
function wellFormed(entries: Record<string, unknown>, messages: number): boolean {
  const num = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  const diagnostic = (d: unknown): boolean => {
    if (Array.isArray(d)) return d.length === 7 && typeof d[0] === 'string' && d.slice(1).every(num) && (d[6] as number) < messages;
    const r = (d as { range?: { start?: { line?: unknown; character?: unknown }; end?: { line?: unknown; character?: unknown } } } | null)?.range;
    return typeof d === 'object' && d !== null && num(r?.start?.line) && num(r?.start?.character) && num(r?.end?.line) && num(r?.end?.character) && typeof (d as { message?: unknown }).message === 'string';
  };
  return Object.values(entries).every((e) => {
    const x = e as Partial<Record<'content' | 'diagnostics' | 'deps' | 'used', unknown>>;
    return typeof x.content === 'string' && Array.isArray(x.diagnostics) && x.diagnostics.every(diagnostic) && Array.isArray(x.deps) && x.deps.every((d) => Array.isArray(d) && d.length === 2 && typeof d[0] === 'string' && typeof d[1] === 'string') && typeof x.used === 'number';
  });
}

/** The files a template read from disk beside the document depends on. */
export function templateFiles(uri: string, template: TemplateInfo | undefined): string[] {
  if (!template || template.path === '' || template.repo !== undefined) return [];
  if (template.source !== 'front-matter' && template.source !== 'file') return [];
  return [resolve(dirname(fileURLToPath(uri)), template.path)];
}
