/**
 * What the network session of a process holds whatever the host (node/networkSession.ts for the
 * server and the CLI, browser/browserSession.ts in a web worker): the GitHub token (the editor's
 * session while one is signed in for the configured API, else the host's own), the workspace
 * trust, the GitHub API URL, the four caches and where they are persisted, and the tools built on
 * them (link checker, evidence discoverer, template and issue GitHub adapters). A host says only
 * how tools are built and where a cache is kept; the handlers see this class.
 */
import type { EvidenceDiscoverer, LinkChecker, Logger, TemplateGitHub } from '../service/index';
import { EvidenceCache, LinkCache, silentLogger, TemplateCache } from '../service/index';
import type { CacheStorage } from '../service/host';
import { IssueCache, type ApplicationGitHub } from '../service/application/issue';
import { trimEndChars } from '../service/text/trim';

/** What the session hands out, rebuilt when the token or the API URL changes. */
export interface NetworkTools {
  linkChecker: LinkChecker;
  discoverer: EvidenceDiscoverer;
  /** a template's commits and versions (service/template/source.ts) */
  templateGitHub: TemplateGitHub;
  /** application issues and comments on them (service/application/) */
  issueGitHub: ApplicationGitHub;
}

export interface SessionOptions {
  /** config.github.apiUrl at the start */
  apiUrl: string;
  /** given to the checker, the discoverer and Octokit */
  logger?: Logger;
  /** false in an untrusted workspace: the checks ask nothing over the network */
  trusted?: boolean;
  /** the host's own token (GITHUB_TOKEN for Node), used when the editor gives none */
  envToken?: string | undefined;
  /** where a cache that cannot be read or written is reported (default: logger.warn) */
  warn?: (message: string) => void;
}

type Listener<T> = (value: T) => void;

/** the same API, whatever trailing slash or letter case its URL is written with */
function sameApi(a: string, b: string): boolean {
  const norm = (u: string): string => trimEndChars(u.trim(), '/').toLowerCase();
  return norm(a) === norm(b);
}

/** The caches a session persists, by file name in its storage folder. */
const CACHE_FILES = { links: 'links.json', evidence: 'evidence.json', templates: 'templates.json', issues: 'issues.json' } as const;
type CacheName = keyof typeof CACHE_FILES;

export abstract class Session {
  readonly linkCache = new LinkCache();
  readonly evidenceCache = new EvidenceCache();
  readonly templateCache = new TemplateCache();
  readonly issueCache = new IssueCache();
  protected readonly logger: Logger;
  protected readonly warn: (message: string) => void;
  private readonly envToken: string | undefined;
  private editorToken: string | undefined;
  /** the API the editor's token is for (a github.com token is never sent to an Enterprise API, nor back) */
  private editorTokenApi: string | undefined;
  protected apiUrl: string;
  private trustedNow: boolean;
  private current: Promise<NetworkTools | undefined> | undefined;
  private storage: Partial<Record<CacheName, CacheStorage>> = {};
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly toolListeners: Array<Listener<NetworkTools>> = [];
  private readonly accessListeners: Array<Listener<boolean>> = [];

  constructor(options: SessionOptions) {
    this.apiUrl = options.apiUrl;
    this.logger = options.logger ?? silentLogger;
    this.warn = options.warn ?? ((m) => this.logger.warn(m));
    this.trustedNow = options.trusted ?? true;
    this.envToken = options.envToken || undefined;
  }

  /** The tools for this token and API URL (throws when they cannot be built). */
  protected abstract createTools(wanted: { apiUrl: string; token: string | undefined }): Promise<NetworkTools>;

  /** The storage of one cache file in `dir` (a folder path or URI, as the host knows it). */
  protected abstract cacheStorage(dir: string, file: string): CacheStorage;

  /** the editor's GitHub session while signed in (for this API), else the host's own token */
  get token(): string | undefined {
    const editor = this.editorToken !== undefined && (this.editorTokenApi === undefined || sameApi(this.editorTokenApi, this.apiUrl)) ? this.editorToken : undefined;
    return editor ?? this.envToken;
  }

  get trusted(): boolean {
    return this.trustedNow;
  }

  /** new tools are in place (after a token or API URL change) */
  onDidChangeTools(listener: Listener<NetworkTools>): void {
    this.toolListeners.push(listener);
  }

  /** the client set the token or the trust again; `changed`: to another value */
  onDidChangeAccess(listener: Listener<boolean>): void {
    this.accessListeners.push(listener);
  }

  /** The tools for the current token and API URL (built on first ask); undefined when they cannot load. */
  tools(): Promise<NetworkTools | undefined> {
    return (this.current ??= this.build());
  }

  /** Settles when the tools for the current settings are in place (never rejects). */
  async ready(): Promise<void> {
    await this.tools();
  }

  /**
   * The editor's GitHub session token (null or empty: signed out, the host's own again), for the
   * API `apiUrl` (default: the current one); used only while the configured API is that one.
   */
  setEditorToken(token: string | null | undefined, apiUrl?: string): void {
    const before = this.token;
    this.editorToken = typeof token === 'string' && token ? token : undefined;
    this.editorTokenApi = apiUrl ?? this.apiUrl;
    const changed = this.token !== before;
    if (changed) this.rebuild();
    this.fireAccess(changed);
  }

  setTrusted(trusted: boolean): void {
    const changed = trusted !== this.trustedNow;
    this.trustedNow = trusted;
    this.fireAccess(changed);
  }

  /** The configuration changed: new tools if the GitHub API moved. */
  setApiUrl(apiUrl: string): void {
    if (apiUrl === this.apiUrl) return;
    const before = this.token;
    this.apiUrl = apiUrl;
    this.rebuild();
    // the editor's token was for the other API: the checks ran with it, now without (or back)
    if (this.token !== before) this.fireAccess(true);
  }

  /** The proxy setting changed (hosts that have no proxy ignore it). */
  setProxy(_proxy: string, _noProxy: readonly string[] = []): void {}

  /** Loads the persisted caches kept in `dir` (links.json, evidence.json, templates.json, issues.json) and saves there from now on. */
  async openCaches(dir: string, which: Partial<Record<CacheName, boolean>> = { links: true, evidence: true, templates: true, issues: true }): Promise<void> {
    const caches: Record<CacheName, { load(storage: CacheStorage): Promise<number> }> = { links: this.linkCache, evidence: this.evidenceCache, templates: this.templateCache, issues: this.issueCache };
    await Promise.all((Object.keys(CACHE_FILES) as CacheName[]).filter((name) => which[name]).map(async (name) => {
      const storage = this.cacheStorage(dir, CACHE_FILES[name]);
      try {
        await caches[name].load(storage);
      } catch (e) {
        this.warn(`could not read ${CACHE_FILES[name]}: ${String(e)}`);
      }
      this.storage[name] = storage;
    }));
  }

  async saveIssues(): Promise<void> {
    await this.save('issues', this.issueCache, 'issue');
  }

  /** Saves the link cache in a moment (verdicts arrive in bursts). */
  saveLinksSoon(): void {
    if (!this.storage.links || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.saveLinks();
    }, 2000);
  }

  async saveLinks(): Promise<void> {
    await this.save('links', this.linkCache, 'link');
  }

  async saveEvidence(): Promise<void> {
    await this.save('evidence', this.evidenceCache, 'evidence');
  }

  async saveTemplates(): Promise<void> {
    await this.save('templates', this.templateCache, 'template');
  }

  /** Forgets every link verdict, in memory and in the persisted file (written now); the count forgotten. */
  async clearLinkCache(): Promise<number> {
    const n = this.linkCache.size;
    this.linkCache.clear();
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await this.saveLinks();
    return n;
  }

  /** Saves the caches (a host closes its connections after this). */
  async dispose(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await Promise.all([this.saveLinks(), this.saveEvidence(), this.saveTemplates(), this.saveIssues()]);
  }

  /** The current settings changed under the tools: build them again on the next ask (or now, if built). */
  protected rebuild(): void {
    if (this.current) this.current = this.build();
  }

  private async save(name: CacheName, cache: { save(storage: CacheStorage): Promise<void> }, what: string): Promise<void> {
    const storage = this.storage[name];
    if (storage) await cache.save(storage).catch((e: unknown) => this.warn(`could not save the ${what} cache: ${String(e)}`));
  }

  private async build(): Promise<NetworkTools | undefined> {
    const wanted = { apiUrl: this.apiUrl, token: this.token };
    try {
      const tools = await this.createTools(wanted);
      // a later rebuild (new token, new API URL) wins
      if (wanted.apiUrl === this.apiUrl && wanted.token === this.token) for (const l of this.toolListeners) l(tools);
      return tools;
    } catch (e) {
      this.logger.error(`link checking and evidence discovery are unavailable: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  private fireAccess(changed: boolean): void {
    for (const l of this.accessListeners) l(changed);
  }
}
