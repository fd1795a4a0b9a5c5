import assert from 'node:assert/strict';
import { describeScopes, githubAccessLine, githubProviderFor, issueScopeReason, issueScopes, mayBePrivate, READ_SCOPES } from '../../client/src/githubAccess';

describe('client: GitHub sign-in, least privilege and GitHub Enterprise', () => {
  it('link checks and evidence ask for no scope; an issue for public_repo, or repo for a private target, saying why', () => {
    assert.deepEqual(READ_SCOPES, []);
    assert.deepEqual(issueScopes(false), ['public_repo']);
    assert.deepEqual(issueScopes(true), ['repo']);
    assert.match(issueScopeReason('acme/widget', false, 'github.com'), /acme\/widget needs the "public_repo" scope \(write access to public repositories on github\.com\)/);
    assert.match(issueScopeReason('acme/secret', true, 'github.com'), /may be private: .*"repo" scope \(read and write access to all your private repositories/);
    // the server's failures that a private repository (seen with public_repo only) produces
    assert.ok(mayBePrivate('acme/secret not found, or the token may not open issues there'));
    assert.ok(mayBePrivate('GitHub refused: Resource not accessible by integration'));
    assert.ok(!mayBePrivate('GitHub API rate limit reached; resets at later'));
  });

  it('github.com\'s API uses the github provider; any other, github-enterprise, only when github-enterprise.uri is that server', () => {
    assert.deepEqual(githubProviderFor(undefined, undefined), { id: 'github', host: 'github.com', apiUrl: 'https://api.github.com' });
    assert.deepEqual(githubProviderFor('https://api.github.com', 'https://ghe.example.com'), { id: 'github', host: 'github.com', apiUrl: 'https://api.github.com' });
    assert.deepEqual(githubProviderFor('https://ghe.example.com/api/v3', 'https://GHE.example.com/'), { id: 'github-enterprise', host: 'ghe.example.com', apiUrl: 'https://ghe.example.com/api/v3' });
    assert.equal(githubProviderFor('https://api.acme.ghe.com', 'https://acme.ghe.com').problem, undefined);
    const unset = githubProviderFor('https://ghe.example.com/api/v3', undefined);
    assert.equal(unset.id, 'github-enterprise');
    assert.match(unset.problem ?? '', /set github-enterprise\.uri to https:\/\/ghe\.example\.com/);
    assert.match(githubProviderFor('https://ghe.example.com/api/v3', 'https://other.example.com').problem ?? '', /is not the server of diligence\.github\.apiUrl \(ghe\.example\.com\): no GitHub token is used/);
  });

  it('the status tooltip says which scopes are held, and where', () => {
    const dotcom = githubProviderFor(undefined, undefined);
    assert.equal(describeScopes([]), 'no scope (public data, read only)');
    assert.equal(githubAccessLine(dotcom, { account: 'jane_r', scopes: [] }), 'GitHub: signed in as jane\\_r; scopes held: no scope (public data, read only)');
    assert.equal(githubAccessLine(dotcom, { account: 'jane', scopes: ['public_repo'] }), 'GitHub: signed in as jane; scopes held: `public_repo` (write access to public repositories)');
    assert.equal(githubAccessLine(dotcom, undefined), 'GitHub: not signed in; links are checked anonymously');
    const ghe = githubProviderFor('https://ghe.example.com/api/v3', undefined);
    // markdown: the host's dots are escaped
    assert.match(githubAccessLine(ghe, undefined), /^GitHub Enterprise \(ghe\\\.example\\\.com\): not used — .*set github\\-enterprise\\\.uri to/);
  });
});
