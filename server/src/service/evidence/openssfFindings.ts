/**
 * What the OpenSSF services said, as findings: the Best Practices badge per repository with its
 * level and the percentage towards the next level, the Scorecard score, and the Scorecard checks
 * the TOC's triage names (branch protection, token permissions, SAST, CI tests), one item each.
 *
 * Stable API (used by the triage of application issues):
 * - `openssf-badge` items: `details` = { id, level, via, percent?: { passing?, silver?, gold? },
 *   next?: { level, percent } } — `next` is absent at gold, and when the service gave no figure.
 * - `scorecard-checks` items: one per name in SCORECARD_TRIAGE_CHECKS, in that order, `details` =
 *   { check, score (-1 = inconclusive, else 0–10), reason, date? }; `found` is true when the
 *   check has a score (0–10), false when Scorecard has no result, no such check, or it was
 *   inconclusive. Whether the score is good enough is the reviewer's call, not the item's.
 */
import type { EvidenceItem } from '../profiles/types';

/** The Best Practices levels, in order (the project JSON's `badge_percentage_0..2`). */
export const BADGE_LEVELS = ['passing', 'silver', 'gold'] as const;
export type BadgeLevel = (typeof BADGE_LEVELS)[number];

export interface BadgeResult {
  /** the project's page */
  url: string;
  id: number;
  /** "in_progress", "passing", "silver", "gold" */
  level: string;
  /** from the README badge or a search by repository URL */
  via: 'readme' | 'search';
  /** percentage of each level's criteria met, when the service said */
  percent?: Partial<Record<BadgeLevel, number>>;
}

export interface ScorecardCheck {
  /** e.g. "Branch-Protection" */
  name: string;
  /** 0–10, or -1 when inconclusive */
  score: number;
  reason: string;
  /** the check's documentation (https only) */
  docs?: string;
}

export interface ScorecardResult {
  score: number;
  date: string | undefined;
  url: string;
  /** every check of the answer (empty when the answer listed none) */
  checks?: ScorecardCheck[];
}

/** An OpenSSF answer that could not be had (network, server, not found). */
export interface OpenSsfMiss {
  missing: true;
  reason: string;
}

/** The checks the TOC's triage names ("branch protection, token permissions, SAST, and CI"). */
export const SCORECARD_TRIAGE_CHECKS = ['Branch-Protection', 'Token-Permissions', 'SAST', 'CI-Tests'] as const;

const day = (iso: string): string => iso.slice(0, 10);

/** The next level and how far along it is: undefined at gold or without figures. */
export function badgeNext(badge: Pick<BadgeResult, 'level' | 'percent'>): { level: BadgeLevel; percent: number } | undefined {
  const reached = (BADGE_LEVELS as readonly string[]).indexOf(badge.level);
  const next = BADGE_LEVELS[reached + 1];
  if (!next) return undefined;
  const percent = badge.percent?.[next];
  return percent === undefined ? undefined : { level: next, percent };
}

function badgeItem(badge: BadgeResult, repo: string): EvidenceItem {
  const passing = (BADGE_LEVELS as readonly string[]).includes(badge.level);
  const next = badgeNext(badge);
  const towards = next ? `, ${next.percent}% towards ${next.level}` : '';
  return {
    detector: 'openssf-badge', repo, found: passing,
    summary: passing
      ? `OpenSSF Best Practices badge: ${badge.level} (project ${badge.id})${towards}`
      : `OpenSSF Best Practices project ${badge.id} is ${badge.level}${towards}, not passing yet`,
    url: badge.url,
    details: { id: badge.id, level: badge.level, via: badge.via, ...(badge.percent ? { percent: badge.percent } : {}), ...(next ? { next } : {}) },
  };
}

/** One item per triage check, in SCORECARD_TRIAGE_CHECKS order. */
export function scorecardCheckItems(scorecard: ScorecardResult | OpenSsfMiss, repo: string): EvidenceItem[] {
  return SCORECARD_TRIAGE_CHECKS.map((name): EvidenceItem => {
    if ('missing' in scorecard) return { detector: 'scorecard-checks', repo, found: false, summary: `Scorecard ${name}: no Scorecard result (${scorecard.reason})`, details: { check: name } };
    const c = scorecard.checks?.find((x) => x.name.toLowerCase() === name.toLowerCase());
    const date = scorecard.date ? ` (${day(scorecard.date)})` : '';
    if (!c) return { detector: 'scorecard-checks', repo, found: false, summary: `Scorecard ${name}: not in the result${date}`, url: scorecard.url, details: { check: name } };
    const scored = c.score >= 0;
    const reason = c.reason ? `: ${c.reason}` : '';
    return {
      detector: 'scorecard-checks', repo, found: scored,
      summary: `Scorecard ${name} ${scored ? `${c.score}/10` : 'inconclusive'}${date}${reason}`,
      url: scorecard.url,
      details: { check: name, score: c.score, reason: c.reason, ...(scorecard.date ? { date: scorecard.date } : {}) },
    };
  });
}

/** The Best Practices badge, the Scorecard score and the triage's Scorecard checks. */
export function openssfItems(badge: BadgeResult | OpenSsfMiss, scorecard: ScorecardResult | OpenSsfMiss, repo: string): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  if ('missing' in badge) out.push({ detector: 'openssf-badge', repo, found: false, summary: `No OpenSSF Best Practices badge found (${badge.reason})` });
  else out.push(badgeItem(badge, repo));
  if ('missing' in scorecard) out.push({ detector: 'scorecard', repo, found: false, summary: `No OpenSSF Scorecard result (${scorecard.reason})` });
  else {
    const checks = scorecard.checks ?? [];
    out.push({
      detector: 'scorecard', repo, found: true,
      summary: `OpenSSF Scorecard score ${scorecard.score.toFixed(1)}/10${scorecard.date ? ` (${day(scorecard.date)})` : ''}`,
      url: scorecard.url,
      details: { score: scorecard.score, ...(scorecard.date ? { date: scorecard.date } : {}), ...(checks.length > 0 ? { checks: checks.map((c) => ({ name: c.name, score: c.score })) } : {}) },
    });
  }
  out.push(...scorecardCheckItems(scorecard, repo));
  return out;
}
