/**
 * What only link checking needs (Octokit, the HTTP client): the server imports this module
 * lazily, so starting and answering `initialize` does not pay for it.
 */
export { createApiOctokit, createGitHubClient, type GitHubClient } from '../web/githubClient';
export { createNodeHttpClient, type NodeHttpClient } from './httpClient';
export { createEvidenceGitHub } from '../web/evidenceGitHub';

export { createTemplateGitHub } from '../web/templateGitHub';
export { createIssueGitHub } from '../web/issueGitHub';
export { proxiedFetch, ProxyAgents, resolveProxy } from './proxy';
