/**
 * Evidence in the service: per document, the project's repositories (inferRepositories), the
 * profile (matchProfile), the last discovery; and from them the `evidence-available` findings,
 * the hover lines, the "Insert evidence" quick fixes and the report's evidence section. Also the
 * two network requests that are not about one document's diagnostics: a new document from a
 * profile's template, and an issue from an owner's TODOs.
 */
import type { CodeAction, Range, TextEdit } from 'vscode-languageserver-types';
import type { DiligenceConfig } from '../config';
import { toDiagnostics } from '../features/diagnostics';
import type { HoverSection } from '../features/hover';
import { criterionHeadAt } from '../features/locate';
import type { Finding } from '../findings';
import { throwIfCancelled, type CancellationToken, type Clock } from '../host';
import type { DiligenceModel } from '../model/types';
import { BUILTIN_PROFILES, inferRepositories, matchProfile } from '../profiles/index';
import type { EvidenceItem, Profile, ProfileMatch } from '../profiles/types';
import { allItems, projectMaintainers, type EvidenceDiscoverer, type EvidenceDiscovery } from './discover';
import type { ProjectMaintainers } from './dotProject';
import { evidenceCodeActions, evidenceFindings, evidenceHoverLines } from './document';
import { openIssueFromTodos, type IssueFromTodosParams } from './issue';
import { evidenceReport, type EvidenceReport } from './report';
import { tocProjectSlug } from './toc';
import { describeChanges, refreshEdits, staleFindings } from './dated';
import { refreshActions } from './refresh';
import { governanceActions } from './governanceActions';
import { verdictActions, verdictFindings } from './verdict';
import { diversityFindings } from './diversity';
import type { NotDiscovered } from './failure';
import { newDocument, type NewDocument, type NewDocumentParams } from './template';
import type { ApiOutcome, CreatedIssue } from './types';
import { wallTime } from '../text/localTime';

interface Doc {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

export interface EvidenceFeatureDeps {
  getModel(doc: Doc): DiligenceModel | undefined;
  /** the settings of the document at `uri` (a configuration file's under the user's), else the user's */
  config(uri?: string): DiligenceConfig;
  clock: Clock;
  discoverer?: EvidenceDiscoverer;
  /** the profiles documents are matched against (default: the built-in ones) */
  profiles?: () => readonly Profile[];
  /** the service's profile match (default: matchProfile over `profiles`) */
  match?: (model: DiligenceModel) => ProfileMatch | undefined;
}

export interface EvidenceFeature {
  /** replaces the discoverer (new token or API URL); undefined: nothing is discovered */
  setDiscoverer(d: EvidenceDiscoverer | undefined): void;
  /**
   * Discovers the evidence of the document's repositories (cached per repository): network only
   * when allowed (trusted workspace), links and evidence enabled, and a discoverer is set.
   */
  discover(doc: Doc, options: { allowNetwork: boolean }, token: CancellationToken): Promise<EvidenceDiscovery | undefined>;
  /** the document's last discovery */
  discovery(uri: string): EvidenceDiscovery | undefined;
  items(uri: string): EvidenceItem[];
  /** the maintainers of the project's `.project` repository, from the document's last discovery */
  maintainers(uri: string): ProjectMaintainers | undefined;
  findings(uri: string, model: DiligenceModel): Finding[];
  /** the hover section on a criterion's head: the evidence found for it */
  hoverSection: HoverSection;
  /** findings that need no network: inserted facts older than `diligence.evidence.maxAge` days */
  localFindings(uri: string, model: DiligenceModel): Finding[];
  codeActions(uri: string, model: DiligenceModel, findings: readonly Finding[], range: Range, only: string[] | undefined): CodeAction[];
  /**
   * Refresh evidence: discovers again (the cache bypassed) and rewrites the facts Diligence
   * inserted, dated today; `changes` says what changed, one line each.
   */
  refresh(doc: Doc, options: { allowNetwork: boolean }, token: CancellationToken): Promise<RefreshResult | undefined>;
  extendReport<R extends object>(uri: string, report: R): R & { evidence?: EvidenceReport };
  newDocument(params: NewDocumentParams, token: CancellationToken): Promise<ApiOutcome<NewDocument>>;
  openIssue(doc: Doc, params: IssueFromTodosParams, token: CancellationToken): Promise<ApiOutcome<CreatedIssue & { count: number }>>;
  close(uri: string): void;
}

/**
 * The project's folder in the TOC repository: `diligence.evidence.tocProject`, else the
 * document's project name for a CNCF review (other foundations keep no such folder).
 */
export function tocProjectOf(model: DiligenceModel, m: ProfileMatch | undefined, config: DiligenceConfig): string | undefined {
  if (config.evidence.tocProject) return config.evidence.tocProject;
  if (!model.project || model.project.startsWith('$') || m?.profile.foundation.toLowerCase() !== 'cncf') return undefined;
  return tocProjectSlug(model.project) || undefined;
}

export interface RefreshResult {
  edits: TextEdit[];
  /** facts rewritten (changed or only re-dated) */
  rewritten: number;
  /** what changed, one line each ("line 12: before → after", "line 20: no longer found…") */
  changes: string[];
  notDiscovered?: NotDiscovered;
}

export function createEvidenceFeature(deps: EvidenceFeatureDeps): EvidenceFeature {
  let discoverer = deps.discoverer;
  const profiles = deps.profiles ?? ((): readonly Profile[] => BUILTIN_PROFILES);
  const byDoc = new Map<string, EvidenceDiscovery>();
  const matches = new WeakMap<DiligenceModel, ProfileMatch | null>();

  const match = deps.match ?? ((model: DiligenceModel): ProfileMatch | undefined => {
    let m = matches.get(model);
    if (m === undefined) {
      m = matchProfile(model, profiles()) ?? null;
      matches.set(model, m);
    }
    return m ?? undefined;
  });

  const note = (uri: string): string | undefined => {
    const d = byDoc.get(uri);
    if (!d) return 'Evidence not discovered yet.';
    return d.notDiscovered ? `Not discovered: ${d.notDiscovered.message}.` : undefined;
  };

  return {
    setDiscoverer(d) {
      discoverer = d;
    },
    async discover(doc, options, token) {
      const model = deps.getModel(doc);
      if (!model) return undefined;
      const config = deps.config(doc.uri);
      const repos = inferRepositories(model, config);
      const project = tocProjectOf(model, match(model), config);
      let d: EvidenceDiscovery;
      if (!discoverer) {
        d = { repos, results: [], notDiscovered: { reason: 'offline', message: 'evidence discovery is off (offline, or links and evidence checks turned off)' } };
      } else {
        d = await discoverer.discover(repos, { config, allowNetwork: options.allowNetwork, ...(project ? { project } : {}) }, token);
        throwIfCancelled(token);
      }
      byDoc.set(doc.uri, d);
      return d;
    },
    discovery: (uri) => byDoc.get(uri),
    items: (uri) => allItems(byDoc.get(uri)),
    maintainers: (uri) => projectMaintainers(byDoc.get(uri)),
    findings(uri, model) {
      const d = byDoc.get(uri);
      const items = allItems(d);
      return items.length === 0 ? [] : [...evidenceFindings(model, match(model), items), ...diversityFindings(model, match(model), items, d?.project?.checkedAt)];
    },
    hoverSection({ uri, model, offset }) {
      const c = criterionHeadAt(model, offset);
      return c ? evidenceHoverLines(model, match(model), c, allItems(byDoc.get(uri)), note(uri)) : [];
    },
    localFindings(uri, model) {
      return [...staleFindings(model, deps.clock.now(), deps.config(uri).evidence.maxAge), ...verdictFindings(model)];
    },
    codeActions(uri, model, findings, range, only) {
      const d = byDoc.get(uri);
      const items = allItems(d);
      const config = deps.config(uri);
      const span = model.lines.spanOf(range);
      const diagnosticsOf = (f: Finding): CodeAction['diagnostics'] => toDiagnostics(model, [f], config);
      return [
        ...(items.length === 0 ? [] : evidenceCodeActions(model, uri, findings, span, match(model), items, diagnosticsOf, only, deps.clock.now())),
        ...refreshActions(model, uri, findings, span, only, d ? items : undefined, deps.clock.now(), diagnosticsOf),
        ...governanceActions(model, uri, span, match(model), items, only, deps.clock.now()),
        ...verdictActions(model, uri, findings, span, diagnosticsOf, only),
      ];
    },
    async refresh(doc, options, token) {
      const model = deps.getModel(doc);
      if (!model || !discoverer) return undefined;
      const config = deps.config(doc.uri);
      const project = tocProjectOf(model, match(model), config);
      const d = await discoverer.discover(inferRepositories(model, config), { config, allowNetwork: options.allowNetwork, fresh: true, ...(project ? { project } : {}) }, token);
      throwIfCancelled(token);
      byDoc.set(doc.uri, d);
      if (d.notDiscovered && allItems(d).length === 0) return { edits: [], rewritten: 0, changes: [], notDiscovered: d.notDiscovered };
      const { edits, changes } = refreshEdits(model, allItems(d), deps.clock.now());
      return { edits, rewritten: edits.length, changes: describeChanges(changes), ...(d.notDiscovered ? { notDiscovered: d.notDiscovered } : {}) };
    },
    extendReport(uri, report) {
      const d = byDoc.get(uri);
      return d ? { ...report, evidence: evidenceReport(d) } : report;
    },
    async newDocument(params, token) {
      const github = discoverer?.github;
      if (!github) return { ok: false, kind: 'other', message: 'the GitHub API cannot be reached (untrusted workspace, or links and evidence checks turned off)' };
      return newDocument(github, profiles(), deps.config().templates, params, wallTime(deps.clock), token);
    },
    async openIssue(doc, params, token) {
      const github = discoverer?.github;
      if (!github) return { ok: false, kind: 'other', message: 'the GitHub API cannot be reached (untrusted workspace, or links and evidence checks turned off)' };
      const model = deps.getModel(doc);
      if (!model) return { ok: false, kind: 'other', message: 'the document is too large to analyse' };
      return openIssueFromTodos(github, model, params, token);
    },
    close(uri) {
      byDoc.delete(uri);
    },
  };
}
