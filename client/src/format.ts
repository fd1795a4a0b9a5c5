/**
 * Text the client shows (status bar, tooltips, messages), from the server's messages. Pure: no
 * `vscode` import, so it is unit-tested outside VS Code.
 */
import type { DocumentStatus, LinksNotCheckedParams } from '../../shared/protocol';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Incubation · Required 18/31 · 21 TODOs" */
export function statusText(s: DocumentStatus): string | undefined {
  if (!s.isDiligenceDocument) return undefined;
  if (s.tooLarge) return 'Diligence · not analysed (too large)';
  return `${s.level ?? 'Level unknown'} · Required ${s.required.met}/${s.required.total} · ${plural(s.openTodos, 'TODO')}`;
}

/** Markdown special characters of document text, escaped for a MarkdownString. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** The status bar item's tooltip (markdown; document text escaped). */
export function statusTooltip(s: DocumentStatus): string {
  if (!s.isDiligenceDocument) return '';
  if (s.tooLarge) return 'This document is larger than `diligence.maxDocumentSize` and was not analysed.';
  const lines = [
    `**${escapeMarkdown(s.title ?? 'Untitled due-diligence document')}**`,
    '',
    `Project: ${s.project ? escapeMarkdown(s.project) : 'unknown'} · level applied for: ${s.level ? escapeMarkdown(s.level) : 'unknown'}`,
    '',
    `- Required criteria met: ${s.required.met}/${s.required.total}`,
    `- Suggested criteria met: ${s.suggested.met}/${s.suggested.total}`,
    `- Criteria checked: ${s.criteria.checked}/${s.criteria.total}`,
    `- Open TODOs: ${s.openTodos}`,
    `- Placeholders left: ${s.placeholders}`,
    '',
    'Click to open the readiness report.',
  ];
  return lines.join('\n');
}

/** "UTC+01:00", "UTC-05:00", "UTC" */
function offsetLabel(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const a = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/**
 * "in 15 minutes (14:05 UTC+01:00)": a rate limit's reset in the reviewer's time zone
 * (`offsetMinutes` east of UTC; by default this machine's at that instant).
 */
export function formatResetTime(resetAt: number | undefined, now: number, offsetMinutes?: number): string {
  if (resetAt === undefined || !Number.isFinite(resetAt)) return 'later';
  const minutes = Math.max(1, Math.ceil((resetAt - now) / 60_000));
  const off = offsetMinutes ?? -new Date(resetAt).getTimezoneOffset();
  const local = new Date(resetAt + off * 60_000).toISOString();
  return minutes < 120 ? `in ${plural(minutes, 'minute')} (${local.slice(11, 16)} ${offsetLabel(off)})` : `at ${local.slice(0, 10)} ${local.slice(11, 16)} ${offsetLabel(off)}`;
}

/** The message offering a GitHub sign-in, or undefined when a sign-in would not help. */
export function signInOffer(p: LinksNotCheckedParams, now: number, trusted = true, offsetMinutes?: number): string | undefined {
  // restricted mode requests nothing, so a sign-in would change nothing
  if (!trusted || p.reason !== 'rate-limited' || !p.github || p.authenticated) return undefined;
  return `Diligence: GitHub's limit for anonymous requests is reached, so some evidence links were not checked; it resets ${formatResetTime(p.resetAt, now, offsetMinutes)}. Sign in to GitHub to check them with your account's higher limit.`;
}

export interface TemplateChoice {
  id: string;
  name: string;
  template: { repo: string; path: string } | null;
}

/**
 * The profiles "New due-diligence document…" offers: only those with a template to read (a
 * profile without one would fail only after the project name is typed); the others are named in
 * the picker's placeholder, with the settings that give them one.
 */
export function newDocumentChoices(profiles: readonly TemplateChoice[]): { items: Array<{ label: string; description: string; id: string }>; placeHolder: string; none?: string } {
  const withTemplate = profiles.filter((p) => p.template);
  const without = profiles.filter((p) => !p.template).map((p) => p.name);
  const hint = without.length ? ` (not listed, no template: ${without.join(', ')}; set diligence.templates.repo and .path to use one)` : '';
  return {
    items: withTemplate.map((p) => ({ label: p.name, description: `${p.template!.repo}/${p.template!.path}`, id: p.id })),
    placeHolder: `Choose the kind of review${hint}`,
    ...(withTemplate.length === 0 ? { none: `Diligence: no profile has a template to start from${hint}.` } : {}),
  };
}

/**
 * The document a command acts on: the one it was given, else the active editor's, else — when a
 * report page has focus (no text editor is active then) — the report's document.
 */
export function commandTarget<T>(given: T | undefined, editor: T | undefined, report: T | undefined): T | undefined {
  return given ?? editor ?? report;
}

/**
 * The document's address on GitHub, from its git remote, branch and path in the repository
 * (`https://github.com/OWNER/REPO/blob/BRANCH/PATH`); undefined when the remote is not GitHub or
 * something is missing — then text meant for the project links to nothing.
 */
export function githubBlobUrl(remote: string | undefined, branch: string | undefined, relPath: string | undefined): string | undefined {
  if (!remote || !branch || !relPath || relPath.startsWith('..')) return undefined;
  const m = /^(?:https:\/\/(?:[^@/]+@)?github\.com\/|ssh:\/\/git@github\.com\/|git@github\.com:)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(remote.trim());
  if (!m) return undefined;
  const enc = (s: string): string => s.split(/[\\/]/).map(encodeURIComponent).join('/');
  return `https://github.com/${m[1]}/${m[2]}/blob/${enc(branch)}/${enc(relPath)}`;
}
