/**
 * GitHub never reached (offline, a name that does not resolve, a refused connection, a TLS
 * certificate that does not verify): the message says what happened and what to try, never
 * "GitHub API answered 500" (Octokit reports a failed fetch as status 500 without a response).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEvidenceGitHub } from '../../server/src/web/evidenceGitHub';
import { createGitHubClient } from '../../server/src/web/githubClient';
import { noCancellation } from '../../server/src/service/host';

const never = noCancellation;
const REPO = [{ owner: 'acme', name: 'acme' }];

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** What undici's fetch throws when the name does not resolve. */
const dnsFailure: typeof fetch = () => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.github.com'), { code: 'ENOTFOUND', hostname: 'api.github.com' }) }));

async function evidenceMessage(apiUrl: string, f?: typeof fetch): Promise<string> {
  const gh = createEvidenceGitHub({ apiUrl, token: 't0ken', ...(f ? { fetch: f } : {}) });
  const r = await gh.repositories(REPO, new Date(0), never);
  assert.equal(r.ok, false);
  return r.ok ? '' : `${r.kind}: ${r.message}`;
}

async function linkMessage(apiUrl: string, f?: typeof fetch): Promise<string> {
  const gh = createGitHubClient({ apiUrl, token: 't0ken', ...(f ? { fetch: f } : {}) });
  const r = await gh.query([{ owner: 'acme', repo: 'acme', object: { kind: 'repo' }, wantText: false }], never);
  assert.equal(r.ok, false);
  return r.ok ? '' : `${r.kind}: ${r.message}`;
}

describe('GitHub not reached: say what happened', function () {
  this.timeout(20000);

  it('a refused connection', async () => {
    const port = await closedPort();
    for (const m of [await evidenceMessage(`http://127.0.0.1:${port}`), await linkMessage(`http://127.0.0.1:${port}`)]) {
      assert.doesNotMatch(m, /answered 500/);
      assert.match(m, /^network: GitHub was not reached: 127\.0\.0\.1:\d+ refused the connection/);
      assert.match(m, /firewall|proxy/);
    }
  });

  it('a name that does not resolve (DNS)', async () => {
    for (const m of [await evidenceMessage('https://api.github.com', dnsFailure), await linkMessage('https://api.github.com', dnsFailure)]) {
      assert.doesNotMatch(m, /answered 500/);
      assert.match(m, /^network: GitHub was not reached: the name api\.github\.com could not be resolved \(DNS\)/);
      assert.match(m, /offline/);
    }
  });

  it('a TLS certificate that does not verify (self-signed, made with openssl at test time)', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'diligence-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    } catch {
      rmSync(dir, { recursive: true, force: true });
      console.log('      skipped: openssl is not available to make a self-signed certificate');
      this.skip();
    }
    const server = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_q, res) => res.end('{}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      for (const m of [await evidenceMessage(url), await linkMessage(url)]) {
        assert.doesNotMatch(m, /answered 500/);
        assert.match(m, /^network: GitHub was not reached: the TLS certificate of 127\.0\.0\.1:\d+ did not verify/);
        assert.match(m, /NODE_EXTRA_CA_CERTS/);
      }
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('GitHub answering 500 is still "answered 500"', async () => {
    const answered500: typeof fetch = () => Promise.resolve(new Response('{"message":"boom"}', { status: 500, headers: { 'content-type': 'application/json' } }));
    assert.match(await evidenceMessage('https://api.github.com', answered500), /^server: GitHub API answered 500$/);
  });
});
