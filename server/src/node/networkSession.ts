/**
 * The one network session of a process (the language server's, the CLI's): the GitHub token
 * (GITHUB_TOKEN, read once; the editor's GitHub session instead while one is signed in), the
 * workspace trust, the GitHub API URL, one HTTP client, one Octokit, and both persisted caches
 * (link verdicts, evidence). It hands out the link checker and the evidence discoverer built on
 * them, and tells when they change (a new token or API URL) and when the access changes (token or
 * trust: what was checked before may read differently now).
 *
 * The token only goes into the Octokit, which sends it to the API origin and nowhere else. Octokit
 * and the HTTP client load on first use (./lazyNetwork.ts), so a server answers `initialize`
 * without them.
 */
import { createEvidenceDiscoverer, createLinkChecker, type EvidenceDiscoverer, EvidenceCache, LinkCache, type LinkChecker, type Logger, silentLogger, TemplateCache, type TemplateGitHub } from '../service/index';
import type { CacheStorage } from '../service/host';
import { IssueCache, type ApplicationGitHub } from '../service/application/issue';
import { openPersistedCache } from './cacheFile';
import { nodeFileSystem } from './hostAdapters';
import { loadNetwork } from './lazyNetwork';
import { trimEndChars } from '../service/text/trim';
import type { NodeHttpClient } from './network';

/** What the session hands out, rebuilt when the token or the API URL changes. */
export interface NetworkTools {
  linkChecker: LinkChecker;
  discoverer: EvidenceDiscoverer;
  /** a template's commits and versions (service/template/source.ts) */
  templateGitHub: TemplateGitHub;
  /** application issues and comments on them (service/application/) */
  issueGitHub: ApplicationGitHub;
}

export interface NetworkSessionOptions {
  /** config.github.apiUrl at the start */
  apiUrl: string;
  /** given to the checker, the discoverer and Octokit */
  logger?: Logger;
  /** false in an untrusted workspace: the checks ask nothing over the network */
  trusted?: boolean;
  /** GITHUB_TOKEN by default */
  envToken?: string | undefined;
  /** where a cache that cannot be read or written is reported (default: logger.warn) */
  warn?: (message: string) => void;
  /** config.http.proxy: '', 'env' or an http:// URL (./proxy.ts) */
  proxy?: string;
  /** config.http.noProxy: hosts that go direct besides NO_PROXY */
  noProxy?: readonly string[];
}

type Listener<T> = (value: T) => void;

/** the same API, whatever trailing slash or letter case its URL is written with */
function sameApi(a: string, b: string): boolean {
  const norm = (u: string): string => trimEndChars(u.trim(), '/').toLowerCase();
  return norm(a) === norm(b);
}

export class NetworkSession {
  readonly linkCache = new LinkCache();
  readonly evidenceCache = new EvidenceCache();
  readonly templateCache = new TemplateCache();
  readonly issueCache = new IssueCache();
  private readonly logger: Logger;
  private readonly warn: (message: string) => void;
  private readonly envToken: string | undefined;
  private editorToken: string | undefined;
  /** the API the editor's token is for (a github.com token is never sent to an Enterprise API, nor back) */
  private editorTokenApi: string | undefined;
  private apiUrl: string;
  private proxySetting: string;
  private noProxy: readonly string[];
  /** the Octokit fetch's proxy agents, replaced with the tools */
  private apiProxy: { destroy(): void } | undefined;
  private trustedNow: boolean;
  private http: NodeHttpClient | undefined;
  private current: Promise<NetworkTools | undefined> | undefined;
  private storage: { links?: CacheStorage; evidence?: CacheStorage; templates?: CacheStorage; issues?: CacheStorage } = {};
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly toolListeners: Array<Listener<NetworkTools>> = [];
  private readonly accessListeners: Array<Listener<boolean>> = [];

  constructor(options: NetworkSessionOptions) {
    this.apiUrl = options.apiUrl;
    this.proxySetting = options.proxy ?? '';
    this.noProxy = options.noProxy ?? [];
    this.logger = options.logger ?? silentLogger;
    this.warn = options.warn ?? ((m) => this.logger.warn(m));
    this.trustedNow = options.trusted ?? true;
    this.envToken = 'envToken' in options ? options.envToken || undefined : process.env['GITHUB_TOKEN'] || undefined;
  }

  /** the editor's GitHub session while signed in (for this API), else GITHUB_TOKEN */
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
   * The editor's GitHub session token (null or empty: signed out, GITHUB_TOKEN again), for the
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

  /** The proxy setting changed: a new HTTP client and Octokit. */
  setProxy(proxy: string, noProxy: readonly string[] = []): void {
    if (proxy === this.proxySetting && noProxy.join(',') === this.noProxy.join(',')) return;
    this.proxySetting = proxy;
    this.noProxy = noProxy;
    this.http?.close();
    this.http = undefined;
    this.rebuild();
  }

  /** Loads the persisted caches kept in `dir` (links.json, evidence.json, templates.json, issues.json) and saves there from now on. */
  async openCaches(dir: string, which: { links?: boolean; evidence?: boolean; templates?: boolean; issues?: boolean } = { links: true, evidence: true, templates: true, issues: true }): Promise<void> {
    const [links, evidence, templates, issues] = await Promise.all([
      which.links ? openPersistedCache(this.linkCache, dir, 'links.json', { warn: this.warn }) : undefined,
      which.evidence ? openPersistedCache(this.evidenceCache, dir, 'evidence.json', { warn: this.warn }) : undefined,
      which.templates ? openPersistedCache(this.templateCache, dir, 'templates.json', { warn: this.warn }) : undefined,
      which.issues ? openPersistedCache(this.issueCache, dir, 'issues.json', { warn: this.warn }) : undefined,
    ]);
    if (links) this.storage.links = links;
    if (evidence) this.storage.evidence = evidence;
    if (templates) this.storage.templates = templates;
    if (issues) this.storage.issues = issues;
  }

  async saveIssues(): Promise<void> {
    if (this.storage.issues) await this.issueCache.save(this.storage.issues).catch((e: unknown) => this.warn(`could not save the issue cache: ${String(e)}`));
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
    if (this.storage.links) await this.linkCache.save(this.storage.links).catch((e: unknown) => this.warn(`could not save the link cache: ${String(e)}`));
  }

  async saveEvidence(): Promise<void> {
    if (this.storage.evidence) await this.evidenceCache.save(this.storage.evidence).catch((e: unknown) => this.warn(`could not save the evidence cache: ${String(e)}`));
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

  async saveTemplates(): Promise<void> {
    if (this.storage.templates) await this.templateCache.save(this.storage.templates).catch((e: unknown) => this.warn(`could not save the template cache: ${String(e)}`));
  }

  /** Saves the caches and closes the HTTP client's idle sockets. */
  async dispose(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await Promise.all([this.saveLinks(), this.saveEvidence(), this.saveTemplates(), this.saveIssues()]);
    this.http?.close();
    this.apiProxy?.destroy();
  }

  private rebuild(): void {
    if (this.current) this.current = this.build();
  }

  private async build(): Promise<NetworkTools | undefined> {
    const wanted = { apiUrl: this.apiUrl, token: this.token };
    try {
      const net = await loadNetwork();
      const proxy = net.resolveProxy(this.proxySetting, process.env, this.noProxy);
      if (this.proxySetting === 'env' && !proxy) this.warn(`diligence.http.proxy is "env" but neither HTTPS_PROXY nor HTTP_PROXY is set: no proxy is used`);
      this.http ??= net.createNodeHttpClient(proxy ? { proxy } : {});
      this.apiProxy?.destroy();
      const apiAgents = proxy ? new net.ProxyAgents(proxy) : undefined;
      this.apiProxy = apiAgents;
      const api = net.createApiOctokit({ ...wanted, logger: this.logger, ...(apiAgents ? { fetch: net.proxiedFetch(apiAgents) } : {}) });
      const github = net.createGitHubClient({ ...wanted, api });
      const evidenceGitHub = net.createEvidenceGitHub({ ...wanted, api });
      const tools: NetworkTools = {
        linkChecker: createLinkChecker({ http: this.http, github, files: nodeFileSystem, cache: this.linkCache, logger: this.logger }),
        discoverer: createEvidenceDiscoverer({ github: evidenceGitHub, http: this.http, cache: this.evidenceCache, logger: this.logger }),
        templateGitHub: net.createTemplateGitHub({ ...wanted, api }),
        issueGitHub: net.createIssueGitHub({ ...wanted, api }),
      };
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
