/**
 * The link verdicts of the open documents: the latest (possibly partial) report of each, the
 * check run that fills it, the findings and hover lines it gives.
 */
import type { DiligenceConfig } from '../config';
import type { HoverSection } from '../features/hover';
import type { Finding } from '../findings';
import { CancelledError, type CancellationToken, throwIfCancelled } from '../host';
import type { DiligenceModel, Link } from '../model/types';
import { compileIgnore, type LinkChecker, type LinkReport, linksToCheck } from './checker';
import { describeLinkResult, linkFindings } from './findings';
import { MAX_LINKS_PER_DOCUMENT, type LinkResult, type NotChecked } from './types';

export interface LinkCheckOptions {
  /** false in an untrusted workspace: no request at all, one links-not-checked finding */
  allowNetwork: boolean;
  /** offline by choice: relative links only, one links-not-checked for the web links */
  offline?: boolean;
  /** called as verdicts arrive (the host re-publishes diagnostics, throttled): distinct links with a verdict / to check */
  onProgress?: (done: number, total: number) => void;
  /** called once the links to check are known, before any request */
  onStart?: (total: number) => void;
  /** called at the end when some links could not be checked (rate limit, offline, untrusted, cancelled) */
  onNotChecked?: (notChecked: NotChecked) => void;
  /** folders (file URIs) relative links may reach; by default the document's own folder */
  roots?: readonly string[];
}

/** The distinct URLs a check of these links asks about: web and relative ones, less the ignored, the first MAX_LINKS_PER_DOCUMENT. */
export function urlsToCheck(links: readonly Link[], config: DiligenceConfig): Set<string> {
  const ignored = compileIgnore(config.links.ignore);
  const out = new Set<string>();
  for (const l of links) {
    if (out.size >= MAX_LINKS_PER_DOCUMENT) break;
    if ((l.target === 'web' || l.target === 'relative') && l.url !== '' && !ignored(l.url)) out.add(l.url);
  }
  return out;
}

export class LinkVerdictStore {
  /** the latest (possibly partial) link report per document */
  private readonly reports = new Map<string, LinkReport>();

  constructor(private readonly now: () => number) {}

  /** The findings of the document's verdicts known so far. */
  findings(uri: string, model: DiligenceModel): Finding[] {
    const report = this.reports.get(uri);
    return report ? linkFindings(model, report) : [];
  }

  /** The document's verdict on a URL, when there is one. */
  result(uri: string, url: string): LinkResult | undefined {
    return this.reports.get(uri)?.results.get(url);
  }

  /** What is known of a URL, from any open document's report (hover lines). */
  describe(url: string): string | undefined {
    for (const report of this.reports.values()) {
      const r = report.results.get(url);
      if (r) return describeLinkResult(r, this.now());
    }
    return undefined;
  }

  /** The hover section of a link: what is known of its URL. */
  readonly hoverSection: HoverSection = ({ target }) => {
    const known = target.kind === 'link' && target.url ? this.describe(target.url) : undefined;
    return known ? ['', known] : [];
  };

  /**
   * Checks the document's evidence links; their verdicts join its report as they arrive.
   * Resolves when every link has a verdict (false when there is nothing to check).
   */
  async check(uri: string, model: DiligenceModel, checker: LinkChecker, config: DiligenceConfig, opts: LinkCheckOptions, token: CancellationToken): Promise<boolean> {
    const links = linksToCheck(model.links);
    if (links.length === 0) return false;
    const wanted = urlsToCheck(links, config);
    const done = new Set<string>();
    // Until this run knows better, the last run's state stands, links-not-checked included:
    // diagnostics published while it runs (an edit, verdicts arriving) would otherwise drop it
    // and add it back at the end, flickering while the user types.
    const previous = this.reports.get(uri);
    const partial: LinkReport = { results: new Map(previous?.results ?? []), ...(previous?.notChecked ? { notChecked: previous.notChecked } : {}) };
    this.reports.set(uri, partial);
    opts.onStart?.(wanted.size);
    let report: LinkReport;
    try {
      report = await checker.check(links, {
        documentUri: uri,
        config,
        allowNetwork: opts.allowNetwork,
        ...(opts.offline ? { offline: true } : {}),
        ...(opts.roots ? { roots: opts.roots } : {}),
        onResult: (r) => {
          partial.results.set(r.url, r);
          done.add(r.url);
          opts.onProgress?.(done.size, Math.max(wanted.size, done.size));
        },
      }, token);
      throwIfCancelled(token);
    } catch (e) {
      if (e instanceof CancelledError) {
        // The verdicts known stand (this run's, and the last run's for links it did not reach);
        // what was not checked is said once, so the diagnostics published next are complete
        // for what is known rather than silently partial.
        const left = [...wanted].filter((u) => !done.has(u)).length;
        partial.notChecked = { reason: 'cancelled', message: `Link checks were cancelled: ${left} of ${wanted.size} link${wanted.size === 1 ? ' was' : 's were'} not checked this time.` };
        opts.onNotChecked?.(partial.notChecked);
      }
      throw e;
    }
    this.reports.set(uri, report);
    if (report.notChecked) opts.onNotChecked?.(report.notChecked);
    return true;
  }

  close(uri: string): void {
    this.reports.delete(uri);
  }
}
