/**
 * The template a document is held to, as criteria: the canonical template's text parsed by the
 * same model as documents, each criterion paired with the built-in profile's entry for it (the
 * overlay: stable id, keywords, evidence detectors). Without the template's text, the built-in
 * profile itself stands in for it (the CCC has no template file: there it is the source).
 */
import { analyseText } from '../model/index';
import type { DiligenceModel, LevelKind } from '../model/types';
import { recogniseCriteria } from '../profiles/match';
import type { DetectorId, Profile, ProfileCriterion } from '../profiles/types';
import { trimEndChars } from '../text/trim';
import { memoShort } from '../text/memo';

export type TemplateSource = 'front-matter' | 'file' | 'workspace' | 'github' | 'builtin';

/** Where a template was read, and which version it is. */
export interface TemplateInfo {
  source: TemplateSource;
  /** the file's path (in its repository, on disk, or as the front matter names it); '' for built-in */
  path: string;
  /** the commit (or the ref asked for) it was read at; '' when unknown */
  ref: string;
  /** YYYY-MM-DD of that version; '' when unknown */
  date: string;
  /** "owner/name" of the repository it was read from, when one */
  repo?: string;
  /** why the template itself could not be read (built-in fallback) */
  problem?: string;
}

export interface TemplateCriterion {
  index: number;
  /** stable across versions: the overlay's id when recognised, else area/title slugs */
  id: string;
  title: string;
  /** the title as the template writes it, bold markers and links included */
  titleMarkdown: string;
  area: string;
  level: LevelKind | undefined;
  subItems: string[];
  /** the template's lines for the criterion (checkbox, title, sub-items, comment); '' for built-in */
  text: string;
  overlay: ProfileCriterion | undefined;
}

export interface TemplateArea {
  name: string;
  /** the level headings of the area, in order */
  levels: LevelKind[];
  /** the template's heading line, e.g. "## Security" ('' for built-in) */
  heading: string;
}

export interface TemplateModel {
  info: TemplateInfo;
  /** the profile whose overlays were paired (foundation, stage) */
  profile: Profile;
  areas: TemplateArea[];
  criteria: TemplateCriterion[];
  /** the criteria as a profile, for the matcher (ids are the template criteria's ids) */
  asProfile: Profile;
  /** the parsed template (undefined for built-in) */
  model: DiligenceModel | undefined;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

function asProfile(profile: Profile, areas: TemplateArea[], criteria: TemplateCriterion[]): Profile {
  return {
    ...profile,
    id: `${profile.id}@template`,
    areas: areas.map((a) => ({
      id: slug(a.name),
      name: a.name,
      criteria: criteria.filter((c) => c.area === a.name).map((c) => ({
        id: c.id,
        title: c.title,
        level: c.level ?? 'other',
        keywords: c.overlay?.keywords ?? [],
        evidence: (c.overlay?.evidence ?? []) as DetectorId[],
      })),
    })),
  };
}

/** The template's text → its criteria, paired with the profile's overlays. */
export function parseTemplate(text: string, profile: Profile, info: TemplateInfo): TemplateModel {
  const model = analyseText(text);
  const overlays = recogniseCriteria(model, profile);
  const used = new Set<string>();
  const areas: TemplateArea[] = model.areas.filter((a) => a.kind === 'checklist').map((a) => ({
    name: a.name,
    levels: a.levels.map((l) => l.kind),
    heading: text.slice(a.heading.start, a.heading.end).split('\n')[0]!.trimEnd(),
  }));
  const criteria = model.criteria.map((c, i): TemplateCriterion => {
    const overlay = overlays[i];
    const area = model.areas[c.area]?.name ?? '';
    let id = overlay?.id ?? `${slug(area) || 'document'}/${slug(c.title)}`;
    for (let n = 2; used.has(id); n++) id = `${overlay?.id ?? slug(c.title)}~${n}`;
    used.add(id);
    return { index: i, id, title: c.title, titleMarkdown: text.slice(c.titleSpan.start, c.titleSpan.end), area, level: c.level, subItems: c.subItems.map((s) => s.text), text: text.slice(c.span.start, c.span.end), overlay };
  });
  return { info, profile, areas, criteria, asProfile: asProfile(profile, areas, criteria), model };
}

const LEVEL_OF: Record<ProfileCriterion['level'], LevelKind | undefined> = { required: 'required', suggested: 'suggested', other: undefined };

/** The built-in profile as the template: its current criteria (those no version dropped). */
export function builtinTemplate(profile: Profile, info: TemplateInfo): TemplateModel {
  const areas: TemplateArea[] = [];
  const criteria: TemplateCriterion[] = [];
  for (const a of profile.areas) {
    const current = a.criteria.filter((c) => c.until === undefined);
    if (current.length === 0) continue;
    const levels = [...new Set(current.map((c) => LEVEL_OF[c.level]).filter((l): l is LevelKind => l !== undefined))];
    areas.push({ name: a.name, levels: levels.sort((x, y) => (x === y ? 0 : x === 'suggested' ? -1 : 1)), heading: '' });
    for (const c of current) {
      criteria.push({ index: criteria.length, id: c.id, title: c.title, titleMarkdown: `**${c.title}**`, area: a.name, level: LEVEL_OF[c.level], subItems: [], text: '', overlay: c });
    }
  }
  return { info, profile, areas, criteria, asProfile: asProfile(profile, areas, criteria), model: undefined };
}

/** Titles compared as a reader would: markup, spacing, case and a final period do not count. */
export const normaliseTitle = memoShort((s: string): string => trimEndChars(s.replace(/[*_`]/g, '').replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim(), '.:;, ').toLowerCase());
