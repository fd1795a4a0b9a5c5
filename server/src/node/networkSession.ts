/**
 * The network session of a Node process (the language server's, the CLI's): the generic session
 * (handlers/session.ts: token, trust, API URL, caches, tools) with GITHUB_TOKEN as the host's own
 * token, one HTTP client with the proxy settings, Octokit, and caches in files of a folder.
 *
 * The token only goes into the Octokit, which sends it to the API origin and nowhere else. Octokit
 * and the HTTP client load on first use (./lazyNetwork.ts), so a server answers `initialize`
 * without them.
 */
import { createEvidenceDiscoverer, createLinkChecker } from '../service/index';
import type { CacheStorage, FileSystem } from '../service/host';
import { type NetworkTools, Session, type SessionOptions } from '../handlers/session';
import { join } from 'node:path';
import { fileCacheStorage } from './cacheFile';
import { nodeFileSystem } from './hostAdapters';
import { loadNetwork } from './lazyNetwork';
import type { NodeHttpClient } from './network';

export type { NetworkTools } from '../handlers/session';

export interface NetworkSessionOptions extends SessionOptions {
  /** GITHUB_TOKEN by default */
  envToken?: string | undefined;
  /** config.http.proxy: '', 'env' or an http:// URL (./proxy.ts) */
  proxy?: string;
  /** config.http.noProxy: hosts that go direct besides NO_PROXY */
  noProxy?: readonly string[];
  /** where relative links are looked up (default: the disk; the server's host adds the client's files) */
  files?: FileSystem;
}

export class NetworkSession extends Session {
  private proxySetting: string;
  private noProxy: readonly string[];
  /** the Octokit fetch's proxy agents, replaced with the tools */
  private apiProxy: { destroy(): void } | undefined;
  private http: NodeHttpClient | undefined;
  private readonly files: FileSystem;

  constructor(options: NetworkSessionOptions) {
    super({ ...options, envToken: 'envToken' in options ? options.envToken : process.env['GITHUB_TOKEN'] });
    this.proxySetting = options.proxy ?? '';
    this.noProxy = options.noProxy ?? [];
    this.files = options.files ?? nodeFileSystem;
  }

  /** The proxy setting changed: a new HTTP client and Octokit. */
  override setProxy(proxy: string, noProxy: readonly string[] = []): void {
    if (proxy === this.proxySetting && noProxy.join(',') === this.noProxy.join(',')) return;
    this.proxySetting = proxy;
    this.noProxy = noProxy;
    this.http?.close();
    this.http = undefined;
    this.rebuild();
  }

  /** Saves the caches and closes the HTTP client's idle sockets. */
  override async dispose(): Promise<void> {
    await super.dispose();
    this.http?.close();
    this.apiProxy?.destroy();
  }

  protected cacheStorage(dir: string, file: string): CacheStorage {
    return fileCacheStorage(join(dir, file));
  }

  protected async createTools(wanted: { apiUrl: string; token: string | undefined }): Promise<NetworkTools> {
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
    return {
      linkChecker: createLinkChecker({ http: this.http, github, files: this.files, cache: this.linkCache, logger: this.logger }),
      discoverer: createEvidenceDiscoverer({ github: evidenceGitHub, http: this.http, cache: this.evidenceCache, logger: this.logger }),
      templateGitHub: net.createTemplateGitHub({ ...wanted, api }),
      issueGitHub: net.createIssueGitHub({ ...wanted, api }),
    };
  }
}
