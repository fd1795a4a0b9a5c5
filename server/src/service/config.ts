import { ALL_CODES, DEFAULT_SEVERITY, type DiagnosticCode, type Severity } from './codes';
import { trimEndChars } from './text/trim';
import { githubWebHost } from './links/githubUrl';
import { DEFAULT_KUBECONS, resolveKubeCons, type KubeCon } from './publicComment/kubecons';

export type SeveritySetting = Severity | 'off';

/** The `diligence.*` settings, as the core uses them. */
export interface DiligenceConfig {
  diagnostics: {
    enabled: boolean;
    severity: Record<DiagnosticCode, SeveritySetting>;
  };
  reviewer: { name: string };
  /** documents larger than this (characters) are not analysed */
  maxDocumentSize: number;
  links: {
    enabled: boolean;
    /** ms */
    timeout: number;
    /** per host */
    concurrency: number;
    /** overall */
    totalConcurrency: number;
    /** seconds */
    cacheTtl: number;
    /** URL patterns (glob with * or /regex/) never checked */
    ignore: string[];
    allowPrivateHosts: boolean;
  };
  github: { apiUrl: string };
  /**
   * the HTTP proxy of link checks and the GitHub API (`diligence.http.proxy`): '' none (the
   * default), 'env' HTTPS_PROXY / HTTP_PROXY / NO_PROXY of the process, or an http:// URL
   * ('vscode' is VS Code's `http.proxy`, put in its place by handlers/editorProxy.ts, else 'env');
   * `noProxy`: hosts that go direct besides NO_PROXY (VS Code's `http.noProxy`)
   */
  http: { proxy: string; noProxy: string[] };
  /** globs: documents whose path matches are due-diligence documents whatever their content */
  files: string[];
  /** evidence discovery in the project's repositories (network; off with links off) */
  evidence: {
    enabled: boolean;
    /** seconds a repository's evidence is reused */
    cacheTtl: number;
    /** the repository holding the TOC's review snapshots under projects/<project>/ */
    tocRepo: string;
    /** the project's folder name there ('' = from the document's project name) */
    tocProject: string;
    /** days after which an inserted fact gets an `evidence-stale` hint (0: never) */
    maxAge: number;
    /** CNCF's project metadata repository ('' = `<owner>/.project` for the document's repositories' owners) */
    projectRepo: string;
    /** read the project metadata repository (`.project`) and the maintainers' organisations */
    projectMetadata: boolean;
    /** CNCF's DevStats API (companies behind the commits of the last year); '' = not asked */
    devstatsUrl: string;
  };
  openssf: { bestPracticesUrl: string; scorecardUrl: string };
  /**
   * the template a document is held to: repo/path override the profile's canonical location
   * ('' = the profile's), `ref` the branch, tag or commit read ('' = the profile's, else the
   * default branch), `file` a template file on disk that takes precedence; `cacheTtl` seconds
   */
  templates: { repo: string; path: string; ref: string; file: string; cacheTtl: number };
  /** paths (or file URIs) of user profile JSON files (`diligence.profiles`) */
  profiles: string[];
  /** the project's repositories, "owner/name" (`diligence.repositories`); empty: from the document */
  repositories: string[];
  /** KubeCon + CloudNativeCon events of the public-comment freeze: the built-in ones, then `diligence.kubecons` */
  kubecons: KubeCon[];
}

export const DEFAULT_CONFIG: DiligenceConfig = {
  diagnostics: { enabled: true, severity: { ...DEFAULT_SEVERITY } },
  reviewer: { name: '' },
  maxDocumentSize: 5_000_000,
  links: { enabled: true, timeout: 10_000, concurrency: 4, totalConcurrency: 16, cacheTtl: 3600, ignore: [], allowPrivateHosts: false },
  github: { apiUrl: 'https://api.github.com' },
  http: { proxy: '', noProxy: [] },
  files: [],
  evidence: { enabled: true, cacheTtl: 24 * 3600, tocRepo: 'cncf/toc', tocProject: '', maxAge: 90, projectRepo: '', projectMetadata: true, devstatsUrl: 'https://devstats.cncf.io/api/v1' },
  openssf: { bestPracticesUrl: 'https://www.bestpractices.dev', scorecardUrl: 'https://api.securityscorecards.dev' },
  templates: { repo: '', path: '', ref: '', file: '', cacheTtl: 24 * 3600 },
  profiles: [],
  repositories: [],
  kubecons: [...DEFAULT_KUBECONS],
};

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** the largest diligence.maxDocumentSize honoured */
export const MAX_DOCUMENT_SIZE = 20_000_000;

function num(v: unknown, fallback: number, min: number, max: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.max(min, Math.min(max, v)) : fallback;
}

/**
 * Settings as the client sent them (anything: a user's settings.json is not validated) →
 * a complete configuration. Unknown or ill-typed values fall back to the defaults; `problems`
 * lists what was ignored so the host can tell the user.
 */
/**
 * Link verdicts, evidence and the template read over the network are off with
 * `diligence.links.enabled`: the one place that setting is read.
 */
export const networkChecksEnabled = (config: DiligenceConfig): boolean => config.links.enabled;

export function resolveConfig(raw: unknown, problems: string[] = []): DiligenceConfig {
  const c = structuredClone(DEFAULT_CONFIG);
  if (!isObject(raw)) return c;
  const diag = raw['diagnostics'];
  if (isObject(diag)) {
    if (typeof diag['enabled'] === 'boolean') c.diagnostics.enabled = diag['enabled'];
    const sev = diag['severity'];
    if (isObject(sev)) {
      for (const [code, value] of Object.entries(sev)) {
        if (!(ALL_CODES as string[]).includes(code)) {
          problems.push(`diligence.diagnostics.severity: unknown code "${code}"`);
        } else if (typeof value !== 'string' || !SEVERITIES.has(value)) {
          problems.push(`diligence.diagnostics.severity.${code}: "${String(value)}" is not one of error, warning, information, hint, off`);
        } else {
          c.diagnostics.severity[code as DiagnosticCode] = value as SeveritySetting;
        }
      }
    }
  }
  const reviewer = raw['reviewer'];
  if (isObject(reviewer) && typeof reviewer['name'] === 'string') c.reviewer.name = reviewer['name'].trim();
  // at most 20 M characters: a workspace that raised it to 1 GB crashed the server on a 50 MB document
  c.maxDocumentSize = num(raw['maxDocumentSize'], c.maxDocumentSize, 1_000, MAX_DOCUMENT_SIZE);
  const links = raw['links'];
  if (isObject(links)) {
    if (typeof links['enabled'] === 'boolean') c.links.enabled = links['enabled'];
    c.links.timeout = num(links['timeout'], c.links.timeout, 100, 600_000);
    c.links.concurrency = num(links['concurrency'], c.links.concurrency, 1, 64);
    c.links.totalConcurrency = num(links['totalConcurrency'], c.links.totalConcurrency, 1, 256);
    c.links.cacheTtl = num(links['cacheTtl'], c.links.cacheTtl, 0, 30 * 24 * 3600);
    if (Array.isArray(links['ignore'])) c.links.ignore = links['ignore'].filter((x): x is string => typeof x === 'string');
    if (typeof links['allowPrivateHosts'] === 'boolean') c.links.allowPrivateHosts = links['allowPrivateHosts'];
  }
  const github = raw['github'];
  if (isObject(github) && typeof github['apiUrl'] === 'string') {
    try {
      const u = new URL(github['apiUrl']);
      if (u.protocol === 'https:' || u.protocol === 'http:') c.github.apiUrl = github['apiUrl'].replace(/(?<!\/)\/+$/, '');
      else problems.push(`diligence.github.apiUrl: "${github['apiUrl']}" is not an http(s) URL`);
    } catch {
      problems.push(`diligence.github.apiUrl: "${github['apiUrl']}" is not a URL`);
    }
  }
  const files = raw['files'];
  if (Array.isArray(files)) {
    c.files = files.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    if (c.files.length !== files.length) problems.push('diligence.files: only non-empty strings (globs) are used');
  } else if (files !== undefined) {
    problems.push('diligence.files: expected an array of globs');
  }
  resolveEvidenceConfig(raw, c, problems);
  resolveProxy(raw, c, problems);
  resolveProfilesAndRepositories(raw, c, problems);
  c.kubecons = resolveKubeCons(raw['kubecons'], problems);
  return c;
}

function httpUrl(v: unknown, name: string, problems: string[]): string | undefined {
  if (typeof v !== 'string') return undefined;
  try {
    const u = new URL(v);
    if (u.protocol === 'https:' || u.protocol === 'http:') return trimEndChars(v, '/');
  } catch {
    // reported below
  }
  problems.push(`${name}: "${v}" is not an http(s) URL`);
  return undefined;
}

function resolveEvidenceConfig(raw: Record<string, unknown>, c: DiligenceConfig, problems: string[]): void {
  const evidence = raw['evidence'];
  if (isObject(evidence)) {
    if (typeof evidence['enabled'] === 'boolean') c.evidence.enabled = evidence['enabled'];
    c.evidence.cacheTtl = num(evidence['cacheTtl'], c.evidence.cacheTtl, 0, 30 * 24 * 3600);
    c.evidence.maxAge = num(evidence['maxAge'], c.evidence.maxAge, 0, 3650);
    const tocRepo = evidence['tocRepo'];
    if (typeof tocRepo === 'string' && tocRepo.trim() !== '') {
      const r = repositoryName(tocRepo);
      if (r) c.evidence.tocRepo = r;
      else problems.push(`diligence.evidence.tocRepo: "${tocRepo}" is not OWNER/NAME`);
    }
    const tocProject = evidence['tocProject'];
    if (typeof tocProject === 'string') {
      const slug = tocProject.trim() === '' ? '' : /^[a-z0-9][a-z0-9._-]{0,99}$/i.test(tocProject.trim()) ? tocProject.trim() : undefined;
      if (slug !== undefined) c.evidence.tocProject = slug;
      else problems.push(`diligence.evidence.tocProject: "${tocProject}" is not a folder name under projects/`);
    }
    const devstats = evidence['devstatsUrl'];
    if (devstats === '') c.evidence.devstatsUrl = '';
    else c.evidence.devstatsUrl = httpUrl(devstats, 'diligence.evidence.devstatsUrl', problems) ?? c.evidence.devstatsUrl;
    if (typeof evidence['projectMetadata'] === 'boolean') c.evidence.projectMetadata = evidence['projectMetadata'];
    const projectRepo = evidence['projectRepo'];
    if (typeof projectRepo === 'string') {
      const r = projectRepo.trim() === '' ? '' : repositoryName(projectRepo);
      if (r !== undefined) c.evidence.projectRepo = r;
      else problems.push(`diligence.evidence.projectRepo: "${projectRepo}" is not OWNER/NAME`);
    }
  }
  const openssf = raw['openssf'];
  if (isObject(openssf)) {
    c.openssf.bestPracticesUrl = httpUrl(openssf['bestPracticesUrl'], 'diligence.openssf.bestPracticesUrl', problems) ?? c.openssf.bestPracticesUrl;
    c.openssf.scorecardUrl = httpUrl(openssf['scorecardUrl'], 'diligence.openssf.scorecardUrl', problems) ?? c.openssf.scorecardUrl;
  }
  const templates = raw['templates'];
  if (isObject(templates)) {
    const repo = templates['repo'];
    if (typeof repo === 'string' && repo.trim() !== '') {
      if (/^[\w.-]+\/[\w.-]+$/.test(repo.trim())) c.templates.repo = repo.trim();
      else problems.push(`diligence.templates.repo: "${repo}" is not OWNER/NAME`);
    }
    if (typeof templates['path'] === 'string') c.templates.path = templates['path'].trim().replace(/^\/+/, '');
    const ref = templates['ref'];
    if (typeof ref === 'string' && ref.trim() !== '') {
      if (/^[\w./-]+$/.test(ref.trim())) c.templates.ref = ref.trim();
      else problems.push(`diligence.templates.ref: "${ref}" is not a branch, tag or commit`);
    }
    if (typeof templates['file'] === 'string') c.templates.file = templates['file'].trim();
    c.templates.cacheTtl = num(templates['cacheTtl'], c.templates.cacheTtl, 0, 30 * 24 * 3600);
  }
}

/** "owner/name", a repository's URL on github.com (or on `enterpriseHost`, a GitHub Enterprise web host), or undefined. */
export function repositoryName(s: string, enterpriseHost?: string): string | undefined {
  const t = trimEndChars(s.trim().replace(/\.git$/, ''), '/');
  const url = /^(?:https?:\/\/)?(?:www\.)?github\.com\/([\w.-]+)\/([\w.-]+)$/i.exec(t);
  if (url) return `${url[1]}/${url[2]}`;
  if (enterpriseHost && enterpriseHost !== 'github.com') {
    const rest = stripHostPrefix(t, enterpriseHost);
    if (rest !== undefined && /^[\w.-]+\/[\w.-]+$/.test(rest)) return rest;
  }
  return /^[\w.-]+\/[\w.-]+$/.test(t) && !t.startsWith('.') ? t : undefined;
}

/** `diligence.http.proxy`: '', 'env' or an http:// proxy URL */
function resolveProxy(raw: Record<string, unknown>, c: DiligenceConfig, problems: string[]): void {
  const http = raw['http'];
  if (!isObject(http) || http['proxy'] === undefined || http['proxy'] === null) return;
  if (Array.isArray(http['noProxy'])) c.http.noProxy = http['noProxy'].filter((x): x is string => typeof x === 'string');
  const proxy = typeof http['proxy'] === 'string' ? http['proxy'].trim() : undefined;
  // 'vscode' outside VS Code: the environment's, as VS Code itself does without http.proxy
  if (proxy === '' || proxy === 'env' || proxy === 'vscode') {
    c.http.proxy = proxy === 'vscode' ? 'env' : proxy;
    return;
  }
  let ok = false;
  try {
    ok = proxy !== undefined && new URL(proxy).protocol === 'http:';
  } catch {
    // reported below
  }
  if (ok) c.http.proxy = proxy!;
  // the value may carry the proxy's password: never repeated
  else problems.push('diligence.http.proxy: expected "", "env", "vscode" or an http:// proxy URL (http://HOST:PORT); no proxy is used');
}

/** what follows `https://HOST/` (scheme optional, host in any case), or undefined */
function stripHostPrefix(t: string, host: string): string | undefined {
  const noScheme = t.replace(/^https?:\/\//i, '');
  return noScheme.toLowerCase().startsWith(`${host.toLowerCase()}/`) ? noScheme.slice(host.length + 1) : undefined;
}

function resolveProfilesAndRepositories(raw: Record<string, unknown>, c: DiligenceConfig, problems: string[]): void {
  const profiles = raw['profiles'];
  if (typeof profiles === 'string') {
    if (profiles.trim()) c.profiles = [profiles.trim()];
  } else if (Array.isArray(profiles)) {
    profiles.forEach((p, i) => {
      if (typeof p === 'string' && p.trim()) c.profiles.push(p.trim());
      else problems.push(`diligence.profiles[${i}]: expected a file path, got ${JSON.stringify(p)}`);
    });
  } else if (profiles !== undefined && profiles !== null) {
    problems.push(`diligence.profiles: expected a file path or a list of paths, got ${JSON.stringify(profiles)}`);
  }
  const repos = raw['repositories'];
  if (Array.isArray(repos)) {
    repos.forEach((r, i) => {
      const name = typeof r === 'string' ? repositoryName(r, githubWebHost(c.github.apiUrl)) : undefined;
      if (name) c.repositories.push(name);
      else problems.push(`diligence.repositories[${i}]: expected "owner/name" or a repository URL on github.com or the configured GitHub Enterprise host, got ${JSON.stringify(r)}`);
    });
  } else if (repos !== undefined && repos !== null) {
    problems.push(`diligence.repositories: expected a list of "owner/name", got ${JSON.stringify(repos)}`);
  }
}
