/**
 * The verdict on one link as written (fragment included) from what is known of its resource:
 * the resource's own problems, then the fragment (a heading anchor, a line range), then a branch
 * link that could be pinned.
 */
import { closest } from './closest';
import { parseLineAnchor, pinUrl } from './githubUrl';
import { hasAnchor } from './slug';
import type { LinkProblem, LinkResult, ResourceResult } from './types';
import { Code } from '../codes';
import { formatLocalTime } from '../text/localTime';

export function stripFragment(url: string): string {
  const i = url.indexOf('#');
  return i >= 0 ? url.slice(0, i) : url;
}

export function fragmentOf(url: string): string {
  const i = url.indexOf('#');
  if (i < 0) return '';
  const f = url.slice(i + 1);
  try {
    return decodeURIComponent(f);
  } catch {
    return f;
  }
}

/** A reset time in the reviewer's time zone, with its offset ("2026-12-02 14:05 UTC+01:00"). */
export function formatReset(ms: number): string {
  return formatLocalTime(ms);
}

function fragmentProblem(link: string, resource: ResourceResult): LinkProblem | undefined {
  const fragment = fragmentOf(link);
  if (fragment === '' || fragment.startsWith('/') || fragment.startsWith('!')) return undefined;
  const lines = parseLineAnchor(fragment);
  if (lines && resource.lineCount !== undefined) {
    if (lines.from <= resource.lineCount && lines.to <= resource.lineCount && lines.from >= 1) return undefined;
    return { code: Code.linkFragment, message: `#${fragment} points past the end of the file (${resource.lineCount} lines).` };
  }
  const anchors = resource.anchors;
  // No anchor at all usually means a page built by scripts: nothing can be said.
  if (!anchors || anchors.length === 0 || hasAnchor(anchors, fragment)) return undefined;
  if (resource.anchorsComplete === false) return undefined;
  const near = closest(fragment, anchors);
  const base = stripFragment(link);
  return near !== undefined
    ? { code: Code.linkFragment, message: `No anchor #${fragment} in the target; did you mean #${near}?`, replacement: `${base}#${near}`, replacementTitle: `Change to #${near}` }
    : { code: Code.linkFragment, message: `No anchor #${fragment} in the target.` };
}

export function verdict(url: string, resource: ResourceResult, fromCache: boolean): LinkResult {
  if (resource.rateLimitedUntil !== undefined) {
    return { url, problems: [], fromCache, notChecked: { reason: 'rate-limited', resetAt: resource.rateLimitedUntil, message: `rate limit until ${formatReset(resource.rateLimitedUntil)}` } };
  }
  const problems = [...resource.problems];
  const blocking = problems.some((p) => p.code === Code.linkBroken || p.code === Code.linkUnreachable);
  if (!blocking) {
    const f = fragmentProblem(url, resource);
    if (f) problems.push(f);
    if (resource.pinSha !== undefined) {
      const pinned = pinUrl(url, resource.pinSha, resource.pinRefSegments ?? 1);
      const short = resource.pinSha.slice(0, 7);
      if (pinned !== undefined) problems.push({ code: Code.linkUnpinned, message: `Links to a branch, whose content changes; pin it to commit ${short}.`, replacement: pinned, replacementTitle: `Pin to commit ${short}` });
    }
  }
  const out: LinkResult = { url, problems, fromCache, checkedAt: resource.checkedAt };
  if (resource.summary !== undefined) out.summary = resource.summary;
  if (resource.finalUrl !== undefined) out.finalUrl = resource.finalUrl;
  return out;
}
