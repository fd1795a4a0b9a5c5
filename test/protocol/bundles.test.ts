import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as shared from '../../shared/protocol';
import { COMMANDS } from '../../client/src/commands';

// The bundles the tests run on (npm test builds them first).
const bundle = (name: string): string => readFileSync(new URL(`../../dist/${name}.cjs`, import.meta.url), 'utf8');
const count = (text: string, s: string): number => text.split(s).length - 1;

describe('bundles: the shared protocol', function () {
  it('the client bundle carries one copy of vscode-jsonrpc (the one vscode-languageclient sends with) and no server code', () => {
    const client = bundle('languageClient');
    // jsonrpc compares a message's parameter structure by identity: a second copy's messages would throw on send
    assert.equal(count(client, 'Unknown parameter structure'), 1);
    // the extension's main (what VS Code loads to activate) carries none: it only loads the above
    assert.equal(count(bundle('client'), 'Unknown parameter structure'), 0);
    for (const serverText of ['GitHub API rate limit reached', 'is a private or local address', 'unhandled rejection']) {
      assert.equal(count(bundle('server'), serverText) > 0, true, `server marker "${serverText}" is in the server bundle`);
      assert.equal(count(client, serverText), 0, `"${serverText}" is server code`);
    }
  });

  it('every custom method is declared once, under the diligence/ prefix', () => {
    const methods = Object.values(shared).map((m) => (m as { method?: unknown }).method).filter((m): m is string => typeof m === 'string');
    assert.equal(methods.length, 28);
    assert.equal(new Set(methods).size, methods.length);
    for (const m of methods) assert.match(m, /^diligence\/\w+$/);
  });

  it('the extension\'s main is small and registers every command the manifest contributes', () => {
    // activation loads only this bundle; vscode-languageclient (~400 KB) comes after activate returned
    const main = bundle('client');
    assert.ok(main.length < 60_000, `dist/client.cjs is ${main.length} bytes`);
    assert.equal(count(main, 'vscode-languageclient'), 0);
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { contributes: { commands: { command: string }[] } };
    assert.deepEqual([...COMMANDS].sort(), manifest.contributes.commands.map((c) => c.command).sort());
  });
});
