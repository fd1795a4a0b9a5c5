/**
 * Contract between template profiles (which criteria a review has, recognised by meaning) and
 * evidence detectors (what the project's repositories show). Plain data: profiles are JSON files.
 */

/** What an evidence detector looks for in a project's repositories. */
export type DetectorId =
  | 'security-policy'
  | 'code-of-conduct'
  | 'contributing'
  | 'governance'
  | 'maintainers'
  | 'adopters'
  | 'roadmap'
  | 'release-process'
  | 'changelog'
  | 'license'
  | 'openssf-badge'
  | 'scorecard'
  | 'releases'
  | 'contributors'
  | 'readme-maturity'
  | 'community-channels'
  /** the four Scorecard checks the TOC's triage names, one item each */
  | 'scorecard-checks'
  /** the TOC's review snapshots in cncf/toc, under projects/<project>/ */
  | 'toc-tech-review'
  | 'toc-governance-review'
  | 'toc-security-assessment'
  /** organisations behind the commits of the last 12 months (the companies authors' GitHub profiles state) */
  | 'contributor-organisations'
  /** CNCF's `.project` metadata repository: the maintainers' organisations, audits, sub-projects */
  | 'maintainer-organisations'
  | 'security-audits'
  | 'sub-projects';

export type ProfileLevel = 'required' | 'suggested' | 'other';

export interface ProfileCriterion {
  /** stable id, unique in the profile, e.g. "governance.clear-and-discoverable" */
  id: string;
  /** the criterion's wording in the current template */
  title: string;
  level: ProfileLevel;
  /** words and phrases that recognise the criterion in a document whose wording differs */
  keywords: string[];
  /** detectors whose findings are evidence for this criterion */
  evidence: DetectorId[];
  /**
   * the date (YYYY-MM-DD) the template dropped it: still recognised in documents started from
   * an older version, no longer part of the built-in criteria a document is held to
   */
  until?: string;
}

export interface ProfileArea {
  id: string;
  name: string;
  criteria: ProfileCriterion[];
}

export interface Profile {
  /** e.g. "cncf-incubation", "ccc-graduation" */
  id: string;
  name: string;
  foundation: string;
  stage: string;
  /** how a document is recognised as this profile */
  detect: { titlePatterns: string[]; keywords: string[] };
  areas: ProfileArea[];
  /** where the canonical template lives (for "New due-diligence document…") */
  template?: { repo: string; path: string; ref?: string };
}

/** A profile applied to one document. */
export interface ProfileMatch {
  profile: Profile;
  /** 0..1 */
  confidence: number;
  /** by model criterion index: the profile criterion it was recognised as, if any */
  criteria: Array<ProfileCriterion | undefined>;
}

/** One fact found in one repository by one detector. */
export interface EvidenceItem {
  detector: DetectorId;
  /** "owner/name" */
  repo: string;
  found: boolean;
  /** one short factual line, e.g. "SECURITY.md covers 4 of 5 topics (missing: supported versions)" */
  summary: string;
  /** pinned permalink (…/blob/<sha>/path) when there is a file or page to cite */
  url?: string;
  /** detector-specific facts (topics covered, badge level, release dates…) */
  details?: Record<string, unknown>;
}
