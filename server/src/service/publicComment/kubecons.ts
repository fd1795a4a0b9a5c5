/**
 * KubeCon + CloudNativeCon dates for the freeze check (`diligence.kubecons`): a short built-in list
 * of events whose dates we are sure were announced, extended by the user's setting. No network.
 */

export interface KubeCon {
  name: string;
  /** YYYY-MM-DD, the first day */
  start: string;
  /** YYYY-MM-DD, the last day */
  end: string;
}

/**
 * Only events whose announced dates we are sure of; add later ones with `diligence.kubecons`.
 * Looked for on 2026-12-02 (../shared/reference/cncf-toc and stored public pages): no announced
 * dates of a later event (North America 2026 was already past; Europe 2027 not found) that two
 * sources agreed on, so none was added. When every event here is past, the draft says so once
 * (draft.ts, noUpcomingKubeCon) rather than passing the freeze check in silence.
 */
export const DEFAULT_KUBECONS: readonly KubeCon[] = [
  { name: 'KubeCon + CloudNativeCon Europe 2026 (Amsterdam)', start: '2026-03-23', end: '2026-03-26' },
];

const ISO = /^\d{4}-\d\d-\d\d$/;
const isDay = (v: unknown): v is string => typeof v === 'string' && ISO.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/** The user's events (a list of {name, start, end}) after the built-in ones; bad entries are said in `problems`. */
export function resolveKubeCons(raw: unknown, problems: string[]): KubeCon[] {
  const out = [...DEFAULT_KUBECONS];
  if (raw === undefined || raw === null) return out;
  if (!Array.isArray(raw)) {
    problems.push('diligence.kubecons: expected a list of { name, start, end }');
    return out;
  }
  raw.slice(0, 100).forEach((e: unknown, i) => {
    const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    const start = o['start'];
    const end = o['end'] ?? start;
    if (!isDay(start) || !isDay(end) || end < start) {
      problems.push(`diligence.kubecons[${i}]: expected { name, start: "YYYY-MM-DD", end: "YYYY-MM-DD" } with end not before start`);
      return;
    }
    const name = typeof o['name'] === 'string' && o['name'].trim() ? o['name'].trim().slice(0, 200) : `KubeCon ${start}`;
    if (!out.some((k) => k.start === start && k.end === end)) out.push({ name, start, end });
  });
  return out;
}
