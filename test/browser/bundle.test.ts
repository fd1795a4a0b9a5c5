/**
 * The browser bundles (dist/browser/, built by esbuild.mjs with platform 'browser') hold no Node:
 * no Node built-in module among their sources or their imports, nothing from the Node host
 * layers (server/src/node/, the desktop client's entry), and no `require` but the client's of
 * `vscode`. The server bundle running in a context with the web's globals only is the other half
 * of the proof (server.test.ts).
 */
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/docs';
import { ensureBuilt } from '../support/lspClient';

interface Meta {
  inputs: Record<string, { imports: Array<{ path: string; external?: boolean }> }>;
  outputs: Record<string, { imports: Array<{ path: string; external?: boolean }> }>;
}

const dir = join(ROOT, 'dist', 'browser');
const meta = (name: string): Meta => JSON.parse(readFileSync(join(dir, `${name}.meta.json`), 'utf8')) as Meta;
const NODE_MODULES = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

describe('the browser bundles hold no Node', () => {
  before(() => ensureBuilt());

  for (const [name, allowed] of [['server', []], ['client', ['vscode']]] as const) {
    it(`dist/browser/${name}.js: no Node built-in, no Node host layer, no require but ${allowed.join(', ') || 'none'}`, () => {
      const m = meta(name);
      const inputs = Object.keys(m.inputs);
      assert.ok(inputs.some((i) => i.includes('server/src/') || i.includes('client/src/')), 'the metafile lists our sources');
      const imported = Object.values(m.inputs).flatMap((i) => i.imports.map((x) => x.path));
      assert.deepEqual(imported.filter((p) => NODE_MODULES.has(p)), [], 'no Node built-in is imported');
      assert.deepEqual(inputs.filter((i) => /server\/src\/node\/|client\/src\/(extension|activate)\.ts$|server\/src\/(server|cli|cliMain)\.ts$/.test(i)), [], 'nothing of the Node host layers');
      const external = Object.values(m.outputs).flatMap((o) => o.imports.filter((x) => x.external).map((x) => x.path));
      assert.deepEqual([...new Set(external)], [...allowed], 'external imports');
      const code = readFileSync(join(dir, `${name}.js`), 'utf8');
      const requires = [...new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((r) => r[1]))];
      assert.deepEqual(requires, [...allowed], 'require calls in the bundle');
    });
  }

  it('the browser client carries one copy of vscode-jsonrpc and no server code', () => {
    const client = readFileSync(join(dir, 'client.js'), 'utf8');
    // jsonrpc compares a message's parameter structure by identity: a second copy's messages would throw on send
    assert.equal(client.split('Unknown parameter structure').length - 1, 1);
    assert.ok(!client.includes('is a private or local address'), 'no server code');
    assert.ok(readFileSync(join(dir, 'server.js'), 'utf8').includes('web links are not checked in the browser'));
  });

  it('micromark is taken in its worker build, not its DOM one', () => {
    const inputs = Object.keys(meta('server').inputs);
    assert.ok(inputs.some((i) => i.includes('decode-named-character-reference/index.js')), 'the non-DOM decoder');
    assert.ok(!inputs.some((i) => /decode-named-character-reference\/index\.dom\.js/.test(i)), 'not the DOM decoder');
  });
});
