/**
 * `--format github`: GitHub shows at most 10 annotations of each level per step, so they come
 * errors first, at most 10 of each, and one notice says how many more there are (issue 14).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { main } from '../../server/src/cli';
import { annotations } from '../../server/src/cli/github';
import { SMALL } from '../support/docs';

function finding(i: number, severity: DiagnosticSeverity): { path: string; diagnostic: Diagnostic } {
  return { path: 'projects/x/x-dd.md', diagnostic: { range: { start: { line: i, character: 0 }, end: { line: i, character: 4 } }, severity, code: 'todo', message: `finding ${i}` } };
}

function levels(lines: string[]): string[] {
  return lines.map((l) => /^::(\w+)/.exec(l)![1]!);
}

describe('CLI --format github (at most 10 annotations per level)', () => {
  it('errors, then warnings, then notices, 10 of each at most; one notice counts the rest (it takes a notice\'s place)', () => {
    // 12 errors, 3 warnings, 15 notices (information and hints), mixed
    const findings = Array.from({ length: 30 }, (_, i) => finding(i, i % 10 < 4 ? DiagnosticSeverity.Error : i % 10 === 4 ? DiagnosticSeverity.Warning : i % 2 ? DiagnosticSeverity.Information : DiagnosticSeverity.Hint));
    const lines = annotations(findings, 'see the job summary');
    assert.deepEqual(levels(lines), [...Array<string>(10).fill('error'), ...Array<string>(3).fill('warning'), ...Array<string>(10).fill('notice')]);
    assert.equal(lines.at(-1), '::notice title=diligence::8 more findings: see the job summary');
    // within a level, in the order found
    assert.deepEqual(lines.slice(0, 3).map((l) => /line=(\d+)/.exec(l)![1]), ['1', '2', '3']);
  });

  it('exactly 10 of a level: all shown, no extra notice', () => {
    const lines = annotations(Array.from({ length: 10 }, (_, i) => finding(i, DiagnosticSeverity.Information)), 'see the job summary');
    assert.deepEqual(levels(lines), Array<string>(10).fill('notice'));
    assert.ok(!lines.some((l) => l.includes('more finding')));
  });

  it('through the CLI: the annotations are capped, and GITHUB_STEP_SUMMARY (when set) gets every finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'diligence-gh-'));
    const file = join(dir, 'many.md');
    writeFileSync(file, SMALL + Array.from({ length: 25 }, (_, i) => `\n**TODO for Team**: item ${i}\n`).join(''));
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const saved = process.env.GITHUB_STEP_SUMMARY;
    process.env.GITHUB_STEP_SUMMARY = summary;
    let out = '';
    let json = '';
    try {
      await main(['check', '--offline', '--format', 'github', file], (s) => { out += s + '\n'; }, () => undefined);
      await main(['check', '--offline', '--format', 'json', file], (s) => { json += s + '\n'; }, () => undefined);
    } finally {
      if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY;
      else process.env.GITHUB_STEP_SUMMARY = saved;
    }
    const total = (JSON.parse(json) as { files: Array<{ diagnostics: unknown[] }> }).files[0]!.diagnostics.length;
    const lines = out.trim().split('\n');
    const counts = { error: 0, warning: 0, notice: 0 };
    for (const l of levels(lines)) counts[l as keyof typeof counts]++;
    assert.ok(counts.error <= 10 && counts.warning <= 10 && counts.notice <= 10, JSON.stringify(counts));
    const more = Number(/^::notice title=diligence::(\d+) more findings: see the job summary$/.exec(lines.at(-1)!)![1]);
    assert.equal(lines.length - 1 + more, total, 'shown + more = every finding');
    const table = readFileSync(summary, 'utf8');
    assert.equal(table.split('\n').filter((l) => l.startsWith('| many.md:') || l.includes('many.md:')).length, total);
  });
});
