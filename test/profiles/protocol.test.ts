import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, MarkupContent, Hover } from 'vscode-languageserver-protocol';
import { main } from '../../server/src/cli';
import { EXAMPLE, SMALL } from '../support/docs';
import { startServer, type TestClient } from '../support/lspClient';

const ACME_PROFILE = {
  id: 'acme-review',
  name: 'Acme review',
  foundation: 'Acme',
  stage: 'Incubation',
  detect: { titlePatterns: ['^acme\\b'], keywords: ['Acme'] },
  areas: [{
    id: 'governance',
    name: 'Governance',
    criteria: [
      { id: 'governance.docs', title: 'Clear and discoverable project governance documentation.', level: 'suggested', keywords: ['governance documentation'], evidence: ['governance'] },
      { id: 'governance.maintainers', title: 'Document complete list of current maintainers.', level: 'required', keywords: ['maintainers'], evidence: ['maintainers'] },
    ],
  }],
};
const BAD_PROFILE = { ...ACME_PROFILE, id: 'bad', areas: [{ id: 'x', name: 'X', criteria: [{ id: 'x.1', title: 'X', level: 'must', keywords: [], evidence: [] }] }] };

const dir = mkdtempSync(join(tmpdir(), 'diligence-profiles-'));
writeFileSync(join(dir, 'profiles.json'), JSON.stringify({ profiles: [ACME_PROFILE, BAD_PROFILE] }));
writeFileSync(join(dir, 'good.json'), JSON.stringify(ACME_PROFILE));
writeFileSync(join(dir, 'broken.json'), '{ "id": ');
const small = join(dir, 'small.md');
writeFileSync(small, SMALL);
const URI = pathToFileURL(small).toString();

describe('profiles over the protocol', function () {
  this.timeout(30_000);
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  it('loads diligence.profiles relative to the workspace, shows problems, uses the good profile; TODO requests', async () => {
    let onMessage: (m: { type: number; message: string }) => void = () => {};
    const message = new Promise<{ type: number; message: string }>((r) => { onMessage = r; });
    client = startServer(['--stdio'], (c) => c.onNotification('window/showMessage', (m: { type: number; message: string }) => onMessage(m)));
    await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).toString(),
      capabilities: {},
      initializationOptions: { settings: { links: { enabled: false }, profiles: ['profiles.json'] } },
    });
    await client.connection.sendNotification('initialized', {});
    const m = await message;
    assert.equal(m.type, 2); // warning
    assert.equal(m.message, 'Diligence: profile profiles.json: profiles[1].areas[0].criteria[0].level: expected "required", "suggested" or "other", got "must"');

    const opened = client.diagnostics(URI);
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: SMALL } });
    await opened;
    const report = await client.connection.sendRequest('diligence/report', { uri: URI }) as { report: { profile: { id: string }; perCriterion: Array<{ profileCriterion: string | null }> }; markdown: string };
    assert.equal(report.report.profile.id, 'acme-review');
    assert.deepEqual(report.report.perCriterion.map((c) => c.profileCriterion), ['governance.docs', null, 'governance.maintainers', null, null]);
    assert.match(report.markdown, /## Criteria/);

    const owners = await client.connection.sendRequest('diligence/todoOwners', { uri: URI }) as { owners: Array<{ owner: string; count: number }> };
    assert.deepEqual(owners.owners, [{ owner: 'Acme team', count: 2 }]);
    const todos = await client.connection.sendRequest('diligence/todosForOwner', { uri: URI, owner: 'acme TEAM' }) as { owner: string; count: number; markdown: string };
    assert.equal(todos.count, 2);
    const n = SMALL.split('\n').findIndex((l) => l.startsWith('**TODO for Acme team:** add CODEOWNERS')) + 1;
    assert.equal(todos.markdown.split('\n')[2], `- [ ] add CODEOWNERS to the website repository — on *Code and Doc ownership in Github matches documented governance roles.* (line ${n})`);
    const onGitHub = await client.connection.sendRequest('diligence/todosForOwner', { uri: URI, owner: 'acme TEAM', linkBase: 'https://github.com/acme/dd/blob/main/dd.md' }) as { markdown: string };
    assert.ok(onGitHub.markdown.includes(`([line ${n}](https://github.com/acme/dd/blob/main/dd.md#L${n}))`), onGitHub.markdown);
    await assert.rejects(client.connection.sendRequest('diligence/todosForOwner', { uri: 'file:///nope.md', owner: 'x' }), /unknown document/);
    await assert.rejects(client.connection.sendRequest('diligence/todosForOwner', { uri: URI }), /owner: expected a non-empty string/);

    const line = SMALL.split('\n').findIndex((l) => l.includes('$TOCMEMBER'));
    const actions = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: URI }, range: { start: { line, character: 0 }, end: { line, character: 0 } }, context: { diagnostics: [] } }) as CodeAction[];
    // SMALL's summary has no $NOTABLES/$BLOCKERS/$RECOMMENDATIONS: nothing to draft
    assert.ok(!actions.some((a) => a.title === 'Draft evaluation summary'));
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 3 } }) as Hover;
    assert.match((hover.contents as MarkupContent).value, /- Profile: Acme review \(2\/5 criteria recognised\)\n- Repositories: `acme\/acme`, `acme\/web` \(inferred from the document\)/);
  });
});

describe('CLI --profile and the grown report', () => {
  async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    // never the network (report discovers evidence unless --offline)
    const code = await main([args[0]!, '--offline', ...args.slice(1)], (s) => { out += s + '\n'; }, (s) => { err += s + '\n'; });
    return { code, out, err };
  }

  it('report --format json has the profile, repositories and per-criterion rows', async () => {
    const j = JSON.parse((await run(['report', EXAMPLE, '--offline', '--format', 'json'])).out);
    assert.equal(j.profile.id, 'cncf-incubation');
    assert.deepEqual(j.repositories, ['acme-mesh/community', 'acme-mesh/mesh', 'acme-mesh/dashboard']);
    assert.equal(j.perCriterion.length, 17);
    assert.deepEqual(Object.keys(j.perCriterion[0]), ['index', 'line', 'area', 'title', 'level', 'state', 'profileCriterion', 'detectors', 'evidenceCited', 'evidenceFound', 'openTodos']);
    assert.equal(j.perCriterion[0].evidenceFound, null);
  });

  it('--profile FILE adds a profile; a bad file is exit 2 with the field named on stderr', async () => {
    const good = await run(['report', small, '--offline', '--format', 'json', '--profile', join(dir, 'good.json')]);
    assert.equal(good.code, 0, good.err);
    assert.equal(JSON.parse(good.out).profile.id, 'acme-review');
    const bad = await run(['report', small, '--offline', '--profile', join(dir, 'profiles.json')]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /diligence: profile .*profiles\.json: profiles\[1\]\.areas\[0\]\.criteria\[0\]\.level: expected "required", "suggested" or "other", got "must"/);
    const broken = await run(['report', small, '--offline', '--profile', join(dir, 'broken.json')]);
    assert.equal(broken.code, 2);
    assert.match(broken.err, /broken\.json: not valid JSON/);
    const missing = await run(['report', small, '--offline', '--profile', join(dir, 'nope.json')]);
    assert.match(missing.err, /nope\.json: no such file/);
    assert.match((await run(['report', small, '--offline', '--profile'])).err, /--profile needs a value/);
  });
});
