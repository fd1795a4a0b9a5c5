// TextMate grammar tests for the Diligence markdown injection grammars.
//
// Runs the vscode-tmgrammar-test CLI (vscode-textmate + oniguruma wasm, the engine VS Code uses)
// on the fixtures in this folder. The fixtures assert scopes with `^^^` lines; see
// node_modules/vscode-tmgrammar-test/README.md for the format.
//
// Base grammars: there is no VS Code here, so the VS Code markdown and HTML grammars are vendored
// in ./vendor (MIT, see vendor/NOTICE.md). They are passed with -g; the two injection grammars come
// from ./grammars.json, which mirrors the package.json `contributes.grammars` entries (injectTo).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const cli = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'vscode-tmgrammar-test.cmd' : 'vscode-tmgrammar-test');
const baseGrammars = ['markdown', 'html', 'html-derivative'].map((name) => path.join(here, 'vendor', `${name}.tmLanguage.json`));
const config = path.join(here, 'grammars.json');

interface RunResult { status: number; output: string }

function runTmGrammarTest(fixtures: string[]): RunResult {
  const args = ['--compact', '--config', config, ...baseGrammars.flatMap((g) => ['-g', g]), ...fixtures];
  try {
    const stdout = execFileSync(cli, args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    return { status: 0, output: stdout };
  } catch (error) {
    const e = error as { status?: number | null; stdout?: string; stderr?: string };
    return { status: e.status ?? -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** The CLI warns once per embedded language the vendored markdown grammar references (no such grammars here). */
function relevant(output: string): string {
  return output.split('\n').filter((line) => !line.startsWith('grammar not found')).join('\n');
}

const fixtures = readdirSync(here).filter((f) => f.endsWith('.md')).sort();

describe('grammar: Diligence markdown injection (vscode-tmgrammar-test)', function () {
  this.timeout(60000);

  it('has fixtures', () => {
    assert.deepEqual(fixtures, ['checklist.md', 'comments.md', 'placeholders.md', 'todo.md']);
  });

  it('grammars declare the injection scope names and selectors', () => {
    const main = JSON.parse(readFileSync(path.join(root, 'syntaxes/diligence.injection.tmLanguage.json'), 'utf8')) as Record<string, unknown>;
    const comment = JSON.parse(readFileSync(path.join(root, 'syntaxes/diligence.comment.injection.tmLanguage.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(main.scopeName, 'text.markdown.diligence.injection');
    assert.equal(comment.scopeName, 'text.markdown.diligence.comment.injection');
    assert.match(String(main.injectionSelector), /^L:text\.html\.markdown meta\.paragraph\.markdown -comment -markup\.fenced_code/);
    assert.match(String(comment.injectionSelector), /^L:text\.html\.markdown comment\.block\.html -markup\.fenced_code/);
  });

  for (const fixture of fixtures) {
    it(`passes ${fixture}`, () => {
      const { status, output } = runTmGrammarTest([path.join(here, fixture)]);
      assert.equal(status, 0, relevant(output));
    });
  }

  it('reports a failing assertion (the harness really checks the injected scopes)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'diligence-grammar-'));
    try {
      const broken = path.join(dir, 'broken.md');
      writeFileSync(broken, [
        '<!-- SYNTAX TEST "text.html.markdown" "deliberately broken"',
        'Costs $5 but $LEVEL is a placeholder.',
        '<!--  ^^ variable.other.placeholder.diligence',
        '',
      ].join('\n'));
      const { status, output } = runTmGrammarTest([broken]);
      assert.notEqual(status, 0, 'a wrong assertion must make vscode-tmgrammar-test fail');
      assert.match(output, /missing required scopes.*variable\.other\.placeholder\.diligence/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
