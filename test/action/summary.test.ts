/** The action's job summary: document text stays inert, and the summary stays under GitHub's 1 MiB. */
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { inert, jobSummary, type SummaryDocument } from '../../server/src/action/summary';
import { createDiligenceService } from '../../server/src/service/index';
import { doc, SMALL } from '../support/docs';

const ctx = { blobBase: 'https://github.com/cncf/toc/blob/' + 'a'.repeat(40), scope: 'Pull request #1', changedOnly: true, notes: [] };

describe('the action\'s job summary', () => {
  it('text from a document cannot add a link, an image, HTML, a heading or a table cell', () => {
    const hostile = '# Title ![x](https://evil.example/p.png) [click](https://evil.example) <img src=x onerror=alert(1)> a|b \u001b[2J';
    const out = inert(hostile);
    assert.equal(out, '\\# Title \\!\\[x\\](https://evil.example/p.png) \\[click\\](https://evil.example) \\<img src=x onerror=alert(1)\\> a\\|b  \\[2J');
    const summary = jobSummary(ctx, [{ path: 'projects/x/x-dd.md', diligence: true, diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: DiagnosticSeverity.Warning, code: 'todo', message: hostile }] }]);
    // (escaped with a backslash, they show as text)
    assert.doesNotMatch(summary, /[^\\]<img|[^\\]\]\(https:\/\/evil/);
    assert.ok(!summary.includes('\u001b'));
    assert.ok(summary.includes('\\<img src=x'));
  });

  it('over 1 MiB with every finding listed, the findings tables are left out (the rest stays)', () => {
    const many: Diagnostic[] = Array.from({ length: 200 }, (_, i) => ({ range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } }, severity: DiagnosticSeverity.Information, code: 'todo', message: `Open TODO for Team: ${'x'.repeat(200)}` }));
    const docs: SummaryDocument[] = Array.from({ length: 30 }, (_, i) => ({ path: `projects/p${i}/p${i}-dd.md`, diligence: true, diagnostics: many }));
    const summary = jobSummary(ctx, docs);
    assert.ok(Buffer.byteLength(summary) < 1024 * 1024, `${Buffer.byteLength(summary)} bytes`);
    assert.equal(summary.split('\n').filter((l) => l.startsWith('### ')).length, 30);
    assert.ok(summary.includes('200 findings: 0 errors, 0 warnings, 200 notices: see the annotations'));
    // a small one keeps its table
    assert.ok(jobSummary(ctx, docs.slice(0, 1)).includes('<details><summary>200 findings'));
  });

  it('says how many findings the document\'s own comments suppressed', () => {
    const service = createDiligenceService();
    const d = doc(SMALL.replace('add CODEOWNERS to the website repository', 'add CODEOWNERS to the website repository <!-- diligence-disable-line todo -->'));
    const report = service.report(d)!;
    assert.equal(report.findings?.suppressed, 1);
    const summary = jobSummary(ctx, [{ path: 'projects/x/x-dd.md', diligence: true, diagnostics: service.diagnostics(d), report }]);
    assert.match(summary, /<details><summary>\d+ findings: \d+ errors?, \d+ warnings?, \d+ notices? \(and 1 suppressed by the document's own `diligence-` comments\)<\/summary>/);
  });
});
