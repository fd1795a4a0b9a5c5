/**
 * The network session in a web worker: GitHub through Octokit over the browser's fetch (the
 * GitHub API allows cross-origin requests) with the editor's GitHub session, OpenSSF over fetch,
 * web pages not requested (cross-origin rules: one links-not-checked per document says so), and
 * the caches in the extension's global storage through the client.
 */
import { type NetworkTools, Session, type SessionOptions } from '../handlers/session';
import { createEvidenceDiscoverer, createLinkChecker, type FileSystem } from '../service/index';
import type { CacheStorage } from '../service/host';
import { createEvidenceGitHub } from '../web/evidenceGitHub';
import { createApiOctokit, createGitHubClient } from '../web/githubClient';
import { createIssueGitHub } from '../web/issueGitHub';
import { createTemplateGitHub } from '../web/templateGitHub';
import { createFetchHttpClient } from './fetchHttp';

/** the sentence of the links-not-checked finding in the browser */
export const PAGES_NOT_CHECKED = 'web links are not checked in the browser (cross-origin rules); GitHub links are checked through the GitHub API.';

export interface BrowserSessionOptions extends SessionOptions {
  files: FileSystem & { cacheStorage(dir: string, file: string): CacheStorage };
  fetch?: typeof fetch;
}

export class BrowserSession extends Session {
  private readonly files: BrowserSessionOptions['files'];
  private readonly fetchImpl: typeof fetch;

  constructor(options: BrowserSessionOptions) {
    // no environment in a browser: the editor's GitHub session is the only token
    super({ ...options, envToken: undefined });
    this.files = options.files;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  protected cacheStorage(dir: string, file: string): CacheStorage {
    return this.files.cacheStorage(dir, file);
  }

  protected createTools(wanted: { apiUrl: string; token: string | undefined }): Promise<NetworkTools> {
    const http = createFetchHttpClient(this.fetchImpl);
    const api = createApiOctokit({ ...wanted, logger: this.logger, fetch: this.fetchImpl });
    return Promise.resolve({
      linkChecker: createLinkChecker({ http, github: createGitHubClient({ ...wanted, api }), files: this.files, cache: this.linkCache, logger: this.logger, pagesNotChecked: PAGES_NOT_CHECKED }),
      discoverer: createEvidenceDiscoverer({ github: createEvidenceGitHub({ ...wanted, api }), http, cache: this.evidenceCache, logger: this.logger }),
      templateGitHub: createTemplateGitHub({ ...wanted, api }),
      issueGitHub: createIssueGitHub({ ...wanted, api }),
    });
  }
}
