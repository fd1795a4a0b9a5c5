/**
 * "New due-diligence document…": the current template of a profile, read from its canonical
 * repository through the GitHub API (nothing is copied into Diligence), filled with the project,
 * the level, the reviewer and the date. Relative links of the template are made absolute and
 * pinned to the commit read, so they still lead somewhere from an untitled document.
 */
import type { CancellationToken } from '../host';
import { formatDate } from '../placeholderValues';
import type { Profile } from '../profiles/types';
import type { ApiOutcome, EvidenceGitHub } from './types';
import { mapLinkTargets } from '../text/trim';

export interface NewDocumentParams {
  profile: string;
  project: string;
  /** defaults to the profile's stage */
  level?: string;
  reviewer?: string;
  /** ISO date; defaults to today */
  date?: string;
}

export interface NewDocument {
  text: string;
  /** where the template was read */
  source: { repo: string; path: string; sha: string; url: string };
  /** a file name to suggest, e.g. "kserve-incubation-due-diligence.md" */
  fileName: string;
}

export class TemplateError extends Error {}

export function templateLocation(profile: Profile, override: { repo: string; path: string }): { repo: string; path: string; ref: string } | undefined {
  const repo = override.repo || profile.template?.repo;
  const path = override.path || profile.template?.path;
  if (!repo || !path) return undefined;
  return { repo, path, ref: override.repo || override.path ? '' : profile.template?.ref ?? '' };
}

const cap = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Fills the template's placeholders; `$`-tokens the reviewer must write are left alone. */
export function fillTemplate(text: string, p: { project: string; level: string; reviewer: string; date: Date }, source: { webUrl: string; sha: string; path: string }): string {
  const values: Record<string, string> = { PROJECT: p.project, PROJECTNAME: p.project, PROJECT_NAME: p.project, LEVEL: p.level, STAGE: p.level, DATE: formatDate('DD-MMM-YYYY', p.date) };
  if (p.reviewer) {
    values['TOCMEMBER'] = p.reviewer;
    values['REVIEWER'] = p.reviewer;
  }
  let out = text.replace(/\$([A-Z][A-Z_]*)\b/g, (m, name: string) => values[name] ?? m);
  // relative links → permalinks at the commit the template was read at
  const dir = source.path.includes('/') ? source.path.slice(0, source.path.lastIndexOf('/') + 1) : '';
  out = mapLinkTargets(out, (m, target) => {
    if (target.startsWith('#') || target.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(target)) return m;
    // a domain written without its scheme (`sandbox.cncf.io`) is no path in the template's repository
    if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:\/|$)/i.test(target) && !/\.md$/i.test(target)) return m;
    const resolved = new URL(target, `https://x/${dir}`);
    if (resolved.host !== 'x') return m;
    return `](${source.webUrl}/blob/${source.sha}${resolved.pathname}${resolved.hash})`;
  });
  return out;
}

export async function newDocument(github: EvidenceGitHub, profiles: readonly Profile[], override: { repo: string; path: string }, params: NewDocumentParams, now: Date, token: CancellationToken): Promise<ApiOutcome<NewDocument>> {
  const profile = profiles.find((x) => x.id === params.profile);
  if (!profile) return { ok: false, kind: 'other', message: `unknown profile "${params.profile}" (known: ${profiles.map((x) => x.id).join(', ')})` };
  const project = params.project.trim();
  if (!project) return { ok: false, kind: 'other', message: 'a project name is needed' };
  const loc = templateLocation(profile, override);
  if (!loc) return { ok: false, kind: 'other', message: `profile "${profile.id}" names no template: set diligence.templates.repo and diligence.templates.path` };
  const [owner = '', name = ''] = loc.repo.split('/');
  const file = await github.file({ owner, name }, loc.path, loc.ref, token);
  if (!file.ok) return file;
  const date = params.date && !Number.isNaN(Date.parse(params.date)) ? new Date(params.date) : now;
  const text = fillTemplate(file.value.text, { project, level: params.level?.trim() || cap(profile.stage), reviewer: params.reviewer?.trim() ?? '', date }, { webUrl: file.value.webUrl, sha: file.value.sha, path: loc.path });
  const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return {
    ok: true,
    value: {
      text,
      source: { repo: loc.repo, path: loc.path, sha: file.value.sha, url: `${file.value.webUrl}/blob/${file.value.sha}/${loc.path}` },
      fileName: `${slug(project)}-${slug(profile.stage)}-due-diligence.md`,
    },
  };
}
