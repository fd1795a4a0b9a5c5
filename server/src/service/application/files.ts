/**
 * What triage reads in two of the project's files: how many adopters ADOPTERS lists, and who the
 * maintainers are with their affiliations. Plain text in, counts out; no request here.
 */
import { inlineLinksToText } from '../text/trim';

export interface AdoptersCount {
  count: number;
  names: string[];
}

export interface MaintainersInfo {
  people: number;
  /** people whose affiliation the file states */
  withAffiliation: number;
  organisations: string[];
}

const AFFILIATION_HEADER = /affiliation|company|organi[sz]ation|employer|\borg\b/i;
const NAME_HEADER = /name|maintainer|github|handle|login/i;

function cells(line: string): string[] {
  const t = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return t.split('|').map((c) => c.trim());
}

const isTableLine = (l: string): boolean => l.trim().startsWith('|');
const isSeparator = (l: string): boolean => /^\|?[\s:|-]+\|?$/.test(l.trim()) && l.includes('-');
const plain = (s: string): string => inlineLinksToText(s).replace(/[*_`]/g, '').trim();

/** Rows of the file's tables (header, rows) in order. */
function tables(lines: readonly string[]): Array<{ header: string[]; rows: string[][] }> {
  const out: Array<{ header: string[]; rows: string[][] }> = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!isTableLine(lines[i]!) || !isSeparator(lines[i + 1]!)) continue;
    const header = cells(lines[i]!);
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && isTableLine(lines[j]!); j++) rows.push(cells(lines[j]!));
    out.push({ header, rows });
    i = j - 1;
  }
  return out;
}

/** List items at the margin (`- Acme Corp`, `* [Acme](https://…)`, `1. Acme`). */
function listItems(lines: readonly string[]): string[] {
  return lines.map((l) => /^(?:[*+-]|\d{1,4}[.)])[ \t]+(\S.*)$/.exec(l)?.[1]).filter((x): x is string => x !== undefined).map(plain).filter((x) => x !== '' && !/^\[[ xX]\]/.test(x));
}

export function countAdopters(text: string): AdoptersCount {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const t = tables(lines).filter((x) => x.rows.length > 0);
  const names = t.length > 0 ? t.flatMap((x) => x.rows.map((r) => plain(r[0] ?? ''))).filter((n) => n !== '') : listItems(lines);
  const unique = [...new Set(names)];
  return { count: unique.length, names: unique };
}

/** MAINTAINERS as a table with an affiliation column, or as a list of "Name (Company)" / "Name, Company" lines. */
export function readMaintainers(text: string): MaintainersInfo {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const t = tables(lines).find((x) => x.header.some((h) => NAME_HEADER.test(h) || AFFILIATION_HEADER.test(h)) && x.rows.length > 0);
  if (t) {
    const col = t.header.findIndex((h) => AFFILIATION_HEADER.test(h));
    const orgs = col < 0 ? [] : t.rows.map((r) => plain(r[col] ?? '')).filter((o) => o !== '' && o !== '-');
    return { people: t.rows.length, withAffiliation: orgs.length, organisations: [...new Set(orgs)].sort() };
  }
  const items = listItems(lines);
  const orgs = items.map((i) => /\(([^()]{2,60})\)\s*$/.exec(i)?.[1] ?? /,\s*([^,@<>]{2,60})$/.exec(i)?.[1]).filter((o): o is string => o !== undefined).map((o) => o.trim());
  return { people: items.length, withAffiliation: orgs.length, organisations: [...new Set(orgs)].sort() };
}
