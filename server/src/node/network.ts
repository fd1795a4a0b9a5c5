/**
 * What only link checking needs (Octokit, the HTTP client): the server imports this module
 * lazily, so starting and answering `initialize` does not pay for it.
 */
export { createApiOctokit, createGitHubClient, type GitHubClient } from './githubClient';
export { createNodeHttpClient, type NodeHttpClient } from './httpClient';
export { createEvidenceGitHub } from './evidenceGitHub';

export { createTemplateGitHub } from './templateGitHub';
export { createIssueGitHub } from './issueGitHub';
export { proxiedFetch, ProxyAgents, resolveProxy } from './proxy';
