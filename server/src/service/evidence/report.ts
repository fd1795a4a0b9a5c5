/**
 * The readiness report's evidence section, CLOMonitor-style: per repository, each detector ✓/✗
 * with its finding and link.
 */
import type { DetectorId } from '../profiles/types';
import { ALL_DETECTORS, DETECTOR_LABEL, TOC_DETECTORS } from './detectors';
import { PROJECT_DETECTORS } from './dotProject';
import type { RepoEvidence } from './cache';
import type { EvidenceDiscovery, NotDiscovered } from './discover';
import { trimEndChars } from '../text/trim';

export interface EvidenceCheck {
  detector: DetectorId;
  label: string;
  found: boolean;
  /** the findings of this detector, one per file found (or one saying what is missing) */
  summaries: string[];
  urls: string[];
}

export interface EvidenceRepoReport {
  repo: string;
  /** e.g. "repository … not found" */
  error?: string;
  checks: EvidenceCheck[];
  /** "8/16" */
  passed: string;
}

export interface EvidenceReport {
  repositories: EvidenceRepoReport[];
  /** the TOC's review snapshots of the project (`repo`: "cncf/toc: projects/NAME/") */
  toc?: EvidenceRepoReport;
  /** CNCF's project metadata repository (`repo`: "org/.project") */
  project?: EvidenceRepoReport;
  /** CNCF's DevStats (`repo`: "DevStats <project>") */
  devstats?: EvidenceRepoReport;
  /** why (some) evidence was not discovered */
  notDiscovered?: NotDiscovered;
}

function repoReport(r: RepoEvidence, detectors: readonly DetectorId[], name = r.repo): EvidenceRepoReport {
  const checks = r.error ? [] : detectors.map((detector): EvidenceCheck => {
    const items = r.items.filter((i) => i.detector === detector);
    const found = items.some((i) => i.found);
    const shown = found ? items.filter((i) => i.found) : items;
    return { detector, label: DETECTOR_LABEL[detector], found, summaries: shown.map((i) => i.summary), urls: [...new Set(shown.flatMap((i) => (i.url ? [i.url] : [])))] };
  });
  return { repo: name, ...(r.error ? { error: r.error } : {}), checks, passed: `${checks.filter((c) => c.found).length}/${checks.length}` };
}

export function evidenceReport(d: EvidenceDiscovery): EvidenceReport {
  const repositories = d.results.map((r) => repoReport(r, ALL_DETECTORS));
  // repositories asked for but neither cached nor examined
  for (const repo of d.repos) {
    if (!repositories.some((r) => r.repo.toLowerCase() === repo.toLowerCase())) repositories.push({ repo, error: 'not examined', checks: [], passed: '—' });
  }
  const toc = d.toc ? repoReport(d.toc, TOC_DETECTORS, `${d.toc.repo}: projects/${d.toc.project}/`) : undefined;
  const project = d.project ? repoReport(d.project, PROJECT_DETECTORS) : undefined;
  const devstats = d.devstats ? repoReport(d.devstats, ['contributor-organisations']) : undefined;
  return { repositories, ...(project ? { project } : {}), ...(devstats ? { devstats } : {}), ...(toc ? { toc } : {}), ...(d.notDiscovered ? { notDiscovered: d.notDiscovered } : {}) };
}

const cellText = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function evidenceReportToMarkdown(r: EvidenceReport | undefined): string {
  const lines: string[] = ['', '## Evidence in the project\'s repositories', ''];
  if (!r) {
    lines.push('_Evidence was not discovered._');
    return lines.join('\n') + '\n';
  }
  if (r.notDiscovered) lines.push(`_Evidence was not discovered${r.repositories.some((x) => x.checks.length > 0) ? ' for every repository' : ''}: ${r.notDiscovered.message}._`, '');
  if (r.repositories.length === 0) lines.push('_No repository of the project is known: set `diligence.repositories` or cite the project\'s repositories._');
  for (const repo of [...r.repositories, ...(r.project ? [r.project] : []), ...(r.devstats ? [r.devstats] : []), ...(r.toc ? [r.toc] : [])]) {
    if (repo.checks.length === 0) {
      if (repo.error !== 'not examined' || !r.notDiscovered) lines.push(`### ${repo.repo}`, '', `_${repo.error ?? 'nothing found'}_`, '');
      else lines.push(`### ${repo.repo}`, '', '_not examined_', '');
      continue;
    }
    lines.push(`### ${repo.repo} (${repo.passed})`, '', '| | Check | Finding |', '|---|---|---|');
    for (const c of repo.checks) {
      const finding = c.summaries.map(cellText).join('; ');
      const links = c.urls.map((u, i) => `[${c.urls.length > 1 ? `link ${i + 1}` : 'link'}](${u})`).join(' ');
      lines.push(`| ${c.found ? '✓' : '✗'} | ${c.label} | ${finding}${links ? ` ${links}` : ''} |`);
    }
    lines.push('');
  }
  return trimEndChars(lines.join('\n'), '\n') + '\n';
}
