/**
 * The problem matcher `$diligence` the extension contributes (a task running `diligence check`
 * puts its findings in the Problems panel): its pattern read from package.json must match every
 * line of the text format and take out the same file, position, severity, code and message as
 * the JSON format gives.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { main } from '../../server/src/cli';
import { EXAMPLE, ROOT } from '../support/docs';

interface Matcher {
  name: string;
  owner: string;
  severity: string;
  fileLocation: string[];
  pattern: { regexp: string; file: number; line: number; column: number; severity: number; code: number; message: number };
}

async function run(args: string[]): Promise<string> {
  let out = '';
  await main(args, (s) => { out += s + '\n'; }, () => undefined);
  return out;
}

/** VS Code's reading of the severity group (Severity.fromValue; nothing matched: the matcher's default) */
function vscodeSeverity(group: string | undefined, fallback: string): string {
  return group === undefined ? fallback : group.toLowerCase();
}

describe('problem matcher $diligence', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { problemMatchers: Matcher[] } };
  const matcher = pkg.contributes.problemMatchers.find((m) => m.name === 'diligence')!;

  it('is contributed, with paths relative to the workspace folder or absolute', () => {
    assert.ok(matcher);
    assert.equal(matcher.owner, 'diligence');
    assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
  });

  it('matches every line of `check` (text) with the file, position, severity, code and message of `check --format json`', async () => {
    // every severity appears: todo raised to error, placeholder lowered to hint
    const args = ['check', '--offline', '--severity', 'todo=error', '--severity', 'placeholder=hint', EXAMPLE];
    const text = (await run(args)).split('\n').filter(Boolean);
    const json = JSON.parse(await run([...args, '--format', 'json'])) as { files: Array<{ path: string; diagnostics: Array<{ code: string; severity: string; message: string; range: { start: { line: number; character: number } } }> }> };
    const expected = json.files.flatMap((f) => f.diagnostics.map((d) => ({ file: f.path, line: d.range.start.line + 1, column: d.range.start.character + 1, severity: { error: 'error', warning: 'warning', information: 'info', hint: 'info' }[d.severity], code: d.code, message: d.message })));
    assert.equal(text.length, expected.length);
    assert.deepEqual(new Set(expected.map((e) => e.severity)), new Set(['error', 'warning', 'info']));
    const re = new RegExp(matcher.pattern.regexp);
    const p = matcher.pattern;
    const got = text.map((l) => {
      const m = re.exec(l);
      assert.ok(m, `not matched: ${l}`);
      return { file: m[p.file], line: Number(m[p.line]), column: Number(m[p.column]), severity: vscodeSeverity(m[p.severity], matcher.severity), code: m[p.code], message: m[p.message] };
    });
    assert.deepEqual(got, expected);
    assert.equal(got[0]!.file, relative(process.cwd(), EXAMPLE));
  });
});
