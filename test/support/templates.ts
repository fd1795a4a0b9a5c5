/**
 * The CNCF TOC's due-diligence templates from ../shared/reference/cncf-toc (read at test time,
 * never copied): every version in template-history/ plus the current file, oldest first.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './docs';

export const TOC = join(ROOT, '..', 'shared', 'reference', 'cncf-toc');
/** the commit and date of the current files (SOURCES.md) */
export const CURRENT = { sha: '4acc1dcf3e5cab23fb02eba784baff82449e87f5', date: '2026-06-29' };

export interface Version {
  /** "2025-07-14-5bed06f8" or "current" */
  name: string;
  sha: string;
  date: string;
  text: string;
}

export function tocAvailable(): boolean {
  return existsSync(join(TOC, 'template-history'));
}

/** Skips the suite (with a message) when ../shared is not there. */
export function skipWithoutToc(ctx: Mocha.Context): void {
  if (tocAvailable()) return;
  console.log(`      (skipped: ${TOC} is not there)`);
  ctx.skip();
}

export function versions(kind: 'incubation' | 'graduation'): Version[] {
  const dir = join(TOC, 'template-history');
  const prefix = `template-dd-pr-${kind}@`;
  const out = readdirSync(dir).filter((f) => f.startsWith(prefix)).sort().map((f) => {
    const name = f.slice(prefix.length, -'.md'.length);
    return { name, sha: name.slice(11), date: name.slice(0, 10), text: readFileSync(join(dir, f), 'utf8') };
  });
  out.push({ name: 'current', sha: CURRENT.sha, date: CURRENT.date, text: readFileSync(join(TOC, `template-dd-pr-${kind}.md`), 'utf8') });
  return out;
}
