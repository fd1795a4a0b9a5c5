/**
 * The host-neutral look-up of the configuration file (service/configLookup.ts) over an in-memory
 * FolderAccess with URI locations, as the browser build reads it through the client: the nearest
 * file upward, never above the root, the byte cap, links and special files refused, a real
 * location outside the root refused (hosts that can tell), the paths it names resolved and
 * confined, and the restricted keys dropped when untrusted.
 */
import assert from 'node:assert/strict';
import { findConfigFileIn, loadConfigFileIn, repositoryRootIn } from '../../server/src/service/configLookup';
import { MAX_CONFIG_FILE_SIZE } from '../../server/src/service/configFile';
import { uriPaths, type EntryType, type FolderAccess } from '../../server/src/service/folderAccess';

const ROOT = 'vscode-vfs://github/acme/acme';

type Entry = string | { type: EntryType; size?: number };

/** an in-memory workspace: URI → text, or a folder / a link / anything else; `asked` records every call */
function memory(entries: Record<string, Entry>, extra: Partial<FolderAccess> = {}): FolderAccess & { asked: string[] } {
  const asked: string[] = [];
  const folderHolds = (uri: string): boolean => Object.keys(entries).some((k) => k.startsWith(`${uri}/`));
  return {
    ...uriPaths,
    asked,
    stat(uri) {
      asked.push(`stat ${uri}`);
      const e = entries[uri];
      if (e === undefined) return Promise.resolve(folderHolds(uri) ? { type: 'directory', size: 0 } : undefined);
      return Promise.resolve(typeof e === 'string' ? { type: 'file', size: new TextEncoder().encode(e).length } : { type: e.type, size: e.size ?? 0 });
    },
    readText(uri, maxBytes) {
      asked.push(`read ${uri}`);
      const e = entries[uri];
      if (typeof e !== 'string') return Promise.reject(new Error('no such file'));
      return Promise.resolve({ text: e.slice(0, maxBytes), truncated: e.length > maxBytes });
    },
    ...extra,
  };
}

describe('configuration file look-up over a FolderAccess (browser, virtual workspaces)', () => {
  it('finds the nearest file upward, .jsonc before .json, and stops at the root', async () => {
    const fs = memory({
      [`${ROOT}/.diligence.json`]: '{}',
      [`${ROOT}/projects/.diligence.jsonc`]: '{}',
      [`${ROOT}/projects/.diligence.json`]: '{}',
      [`${ROOT}/projects/acme/dd.md`]: '# DD',
    });
    assert.equal(await findConfigFileIn(fs, `${ROOT}/projects/acme`, { root: ROOT }), `${ROOT}/projects/.diligence.jsonc`);
    assert.equal(await findConfigFileIn(fs, `${ROOT}/other`, { root: ROOT }), `${ROOT}/.diligence.json`);
    // the workspace folder is projects/acme: the files above it are not looked at
    const inner = `${ROOT}/projects/acme`;
    fs.asked.length = 0;
    assert.equal(await findConfigFileIn(fs, inner, { root: inner }), undefined);
    assert.ok(fs.asked.every((a) => a.includes(`${inner}/`)), `asked only inside: ${fs.asked.join(', ')}`);
    // a folder outside the root: nothing asked at all
    fs.asked.length = 0;
    assert.equal(await findConfigFileIn(fs, 'vscode-vfs://github/other/repo', { root: ROOT }), undefined);
    assert.deepEqual(fs.asked, []);
  });

  it('stops at the repository (.git) when asked to, and finds the repository root', async () => {
    const fs = memory({ [`${ROOT}/.diligence.json`]: '{}', [`${ROOT}/sub/.git`]: { type: 'directory' }, [`${ROOT}/sub/a/x.md`]: '' });
    assert.equal(await findConfigFileIn(fs, `${ROOT}/sub/a`, { stopAtRepository: true }), undefined);
    assert.equal(await findConfigFileIn(fs, `${ROOT}/sub/a`), `${ROOT}/.diligence.json`);
    assert.equal(await repositoryRootIn(fs, `${ROOT}/sub/a`), `${ROOT}/sub`);
    assert.equal(await repositoryRootIn(fs, ROOT), undefined);
  });

  it('a link or a special file is not read; a larger file than the cap is refused by its size and by a truncated read', async () => {
    const fs = memory({
      [`${ROOT}/link/.diligence.json`]: { type: 'other' },
      [`${ROOT}/big/.diligence.json`]: { type: 'file', size: 4 * MAX_CONFIG_FILE_SIZE + 1 },
    });
    assert.equal(await findConfigFileIn(fs, `${ROOT}/link`, { root: ROOT }), undefined, 'a link is no configuration file');
    const link = await loadConfigFileIn(fs, `${ROOT}/link/.diligence.json`, { root: ROOT });
    assert.equal(link.fatal, true);
    assert.match(link.problems[0]!.message, /not a regular file/);
    const big = await loadConfigFileIn(fs, `${ROOT}/big/.diligence.json`, { root: ROOT });
    assert.match(big.problems[0]!.message, /more than a configuration file may be/);
    assert.ok(!fs.asked.includes(`read ${ROOT}/big/.diligence.json`), 'not read at all');
    // a host that says a wrong size: the capped read still refuses it
    const liar = memory({ [`${ROOT}/.diligence.json`]: `{"files": ["${'x'.repeat(4 * MAX_CONFIG_FILE_SIZE)}"]}` }, { stat: () => Promise.resolve({ type: 'file', size: 10 }) });
    assert.match((await loadConfigFileIn(liar, `${ROOT}/.diligence.json`, { root: ROOT })).problems[0]!.message, /more than .* bytes/);
  });

  it('where the host follows links, a file whose real location is outside the root is not read', async () => {
    const fs = memory({ [`${ROOT}/.diligence.json`]: '{ "files": ["**/*dd.md"] }' }, { realLocation: (u) => Promise.resolve(u.includes('.diligence') ? 'vscode-vfs://github/evil/x/.diligence.json' : u) });
    const loaded = await loadConfigFileIn(fs, `${ROOT}/.diligence.json`, { root: ROOT });
    assert.equal(loaded.fatal, true);
    assert.match(loaded.problems[0]!.message, /link to a file outside/);
    assert.ok(!fs.asked.some((a) => a.startsWith('read')));
  });

  it('resolves profiles and templates.file against its folder, inside the root only; a read failure is its message', async () => {
    const fs = memory({
      [`${ROOT}/projects/.diligence.jsonc`]: '{ "profiles": ["./p.json", "../../../etc/p.json", "/abs.json"], "templates": { "file": "../templates/t.md" } }',
    });
    const loaded = await loadConfigFileIn(fs, `${ROOT}/projects/.diligence.jsonc`, { root: ROOT });
    assert.equal(loaded.fatal, false);
    assert.deepEqual(loaded.settings['profiles'], [`${ROOT}/projects/p.json`]);
    assert.equal((loaded.settings['templates'] as Record<string, unknown>)['file'], `${ROOT}/templates/t.md`);
    assert.equal(loaded.problems.filter((p) => /profiles: .* is outside/.test(p.message)).length, 2);
    const missing = await loadConfigFileIn(memory({}), `${ROOT}/.diligence.json`, { root: ROOT });
    assert.deepEqual(missing.problems.map((p) => p.message), ['no such file']);
  });

  it('untrusted: the restricted keys are left out; a parse error is fatal, at its line', async () => {
    const fs = memory({
      [`${ROOT}/.diligence.json`]: '{ "files": ["a.md"], "diagnostics": { "severity": { "todo": "error" } } }',
      [`${ROOT}/x/.diligence.json`]: '{\n  "diagnostics": ',
    });
    const untrusted = await loadConfigFileIn(fs, `${ROOT}/.diligence.json`, { root: ROOT, trusted: false });
    assert.equal(untrusted.settings['files'], undefined);
    assert.deepEqual(untrusted.settings['diagnostics'], { severity: { todo: 'error' } });
    const broken = await loadConfigFileIn(fs, `${ROOT}/x/.diligence.json`, { root: ROOT });
    assert.equal(broken.fatal, true);
    assert.deepEqual(broken.settings, {});
    assert.equal(broken.problems[0]!.line, 1);
  });
});

describe('URI locations (uriPaths)', () => {
  it('joins, climbs to the authority and stops, resolves dot segments, encodes names', () => {
    assert.equal(uriPaths.join(`${ROOT}/`, 'a b.md'), `${ROOT}/a%20b.md`);
    assert.equal(uriPaths.dirname(`${ROOT}/dd.md`), ROOT);
    assert.equal(uriPaths.dirname('vscode-vfs://github/acme'), 'vscode-vfs://github');
    assert.equal(uriPaths.dirname('vscode-vfs://github'), 'vscode-vfs://github');
    assert.equal(uriPaths.resolve(`${ROOT}/projects`, '../../x/y.json'), 'vscode-vfs://github/acme/x/y.json');
    assert.equal(uriPaths.isInside('vscode-vfs://github/acme/acme-other/x', ROOT), false);
    assert.equal(uriPaths.isInside(`${ROOT}/x`, ROOT), true);
    assert.equal(uriPaths.isInside('file:///acme/acme/x', ROOT), false);
  });
});
