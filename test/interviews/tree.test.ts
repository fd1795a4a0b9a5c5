/**
 * What the Adopter Interviews view relies on, over the real bundled server: `diligence/status`
 * says which open document is a due diligence (the view's nodes), `diligence/interviews` answers
 * its tracker, and when an interview file beside it changes in the editor the server says so
 * (`diligence/interviewsChanged`: the view refreshes) and the request answers the change.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentStatus, InterviewTracker } from '../../shared/protocol';
import { initialize, startServer, type TestClient } from '../support/lspClient';
import { recordNotifications } from '../support/notifications';
import { TOC_FIXTURE } from './paths';

describe('interviews: the view\'s request follows the editor (protocol)', function () {
  this.timeout(60_000);
  let root: string;
  let client: TestClient;
  const notes = recordNotifications(['diligence/status', 'diligence/interviewsChanged']);
  const uri = (p: string): string => pathToFileURL(p).toString();

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'diligence-tree-'));
    cpSync(TOC_FIXTURE, root, { recursive: true });
    client = startServer(['--stdio'], (c) => notes.attach(c));
    await initialize(client, { initializationOptions: { clientNotifications: true, settings: { links: { enabled: false } } } });
  });
  after(async () => {
    await client.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('the due diligence has a status saying so; an interview file\'s new state is announced for it and the tracker answers it', async () => {
    const dir = join(root, 'projects', 'quarkle');
    const dd = join(dir, 'quarkle-incubation-due-diligence.md');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(dd), languageId: 'markdown', version: 1, text: readFileSync(dd, 'utf8') } });
    const first = await notes.next<DocumentStatus>('diligence/status', (s) => s.uri === uri(dd));
    assert.equal(first.isDiligenceDocument, true);
    const before = await client.connection.sendRequest('diligence/interviews', { uri: uri(dd) }) as InterviewTracker;
    const delta = before.rows.find((r) => r.fileName === 'quarkle-adopter-interview-delta-labs.md');
    assert.equal(delta?.state, 'requested');
    assert.equal(before.held, 3);

    const file = join(dir, 'quarkle-adopter-interview-delta-labs.md');
    const announced = notes.all('diligence/interviewsChanged').length;
    const held = readFileSync(file, 'utf8').replace(/^state: requested$/m, 'state: held\nheld: 2026-11-30');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(file), languageId: 'markdown', version: 1, text: held } });
    // the server says the due diligence's interviews changed: its view asks again
    await notes.next<{ uri: string }>('diligence/interviewsChanged', (p) => p.uri === uri(dd) && notes.all('diligence/interviewsChanged').length > announced);
    const after = await client.connection.sendRequest('diligence/interviews', { uri: uri(dd) }) as InterviewTracker;
    assert.equal(after.rows.find((r) => r.fileName === 'quarkle-adopter-interview-delta-labs.md')?.state, 'held');
    assert.equal(after.held, 4);
    // the interview file itself is no due diligence: no node of its own
    assert.ok(notes.all<DocumentStatus>('diligence/status').filter((s) => s.uri === uri(file)).every((s) => !s.isDiligenceDocument));
  });

  it('an interview file added outside the editor: listed again on the view\'s Refresh (relist), not before', async () => {
    const dir = join(root, 'projects', 'quarkle');
    const dd = join(dir, 'quarkle-incubation-due-diligence.md');
    const before = await client.connection.sendRequest('diligence/interviews', { uri: uri(dd) }) as InterviewTracker;
    const added = readFileSync(join(dir, 'quarkle-adopter-interview-delta-labs.md'), 'utf8').replace('organisation: Delta Labs', 'organisation: Epsilon Works').replace('# Quarkle adopter interview: Delta Labs', '# Quarkle adopter interview: Epsilon Works');
    writeFileSync(join(dir, 'quarkle-adopter-interview-epsilon-works.md'), added);
    const cached = await client.connection.sendRequest('diligence/interviews', { uri: uri(dd) }) as InterviewTracker;
    assert.equal(cached.rows.length, before.rows.length, 'the folder is not listed on every request');
    const relisted = await client.connection.sendRequest('diligence/interviews', { uri: uri(dd), relist: true }) as InterviewTracker;
    assert.equal(relisted.rows.length, before.rows.length + 1);
    assert.ok(relisted.rows.some((r) => r.fileName === 'quarkle-adopter-interview-epsilon-works.md'));
  });
});
