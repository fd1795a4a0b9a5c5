import { ALL_CODES, DEFAULT_SEVERITY, type DiagnosticCode, type Severity } from './codes';

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
}

export const DEFAULT_CONFIG: DiligenceConfig = {
  diagnostics: { enabled: true, severity: { ...DEFAULT_SEVERITY } },
  reviewer: { name: '' },
  maxDocumentSize: 5_000_000,
  links: { enabled: true, timeout: 10_000, concurrency: 4, totalConcurrency: 16, cacheTtl: 3600, ignore: [], allowPrivateHosts: false },
  github: { apiUrl: 'https://api.github.com' },
};

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(v: unknown, fallback: number, min: number, max: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.max(min, Math.min(max, v)) : fallback;
}

/**
 * Settings as the client sent them (anything: a user's settings.json is not validated) →
 * a complete configuration. Unknown or ill-typed values fall back to the defaults; `problems`
 * lists what was ignored so the host can tell the user.
 */
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
  c.maxDocumentSize = num(raw['maxDocumentSize'], c.maxDocumentSize, 1_000, 1_000_000_000);
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
  return c;
}
