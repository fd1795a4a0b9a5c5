/**
 * The GitHub client with a token: a batch of links costs one GraphQL request per 50 objects (the
 * objects of one repository share its `repository` field).
 */
import type { Octokit } from '@octokit/core';
import { SHA_RE } from '../service/links/githubUrl';
import type { GitHubAnswer, GitHubQuery } from '../service/links/types';
import { NetworkError, type OctokitErrorLike, RateLimited, rateLimitOf } from './githubApi';

const q = (s: string): string => JSON.stringify(s);

function objectFields(query: GitHubQuery, alias: string): string {
  const o = query.object;
  const blob = query.wantText ? '... on Blob { text isBinary }' : '';
  switch (o.kind) {
    case 'repo':
      return query.wantText ? `${alias}r: object(expression: ${q('HEAD:README.md')}) { __typename ${blob} }` : '';
    case 'path': {
      const ref = o.ref === '' ? 'HEAD' : o.ref;
      const fields = [`${alias}: object(expression: ${q(`${ref}:${o.path}`)}) { __typename ${blob} }`];
      if (query.wantText && o.view === 'tree') fields.push(`${alias}r: object(expression: ${q(`${ref}:${o.path === '' ? '' : o.path + '/'}README.md`)}) { __typename ${blob} }`);
      if (!SHA_RE.test(ref) && ref !== 'HEAD') {
        fields.push(`${alias}b: ref(qualifiedName: ${q(`refs/heads/${ref}`)}) { target { oid } }`);
        fields.push(`${alias}t: ref(qualifiedName: ${q(`refs/tags/${ref}`)}) { name }`);
        fields.push(`${alias}c: object(expression: ${q(ref)}) { oid }`);
      }
      return fields.join('\n');
    }
    case 'issue':
    case 'pull':
      return `${alias}: issueOrPullRequest(number: ${o.number}) { __typename ... on Issue { issueState: state title closedAt } ... on PullRequest { pullState: state title closedAt mergedAt } }`;
    case 'discussion':
      return `${alias}: discussion(number: ${o.number}) { id }`;
    case 'commit':
      return `${alias}: object(expression: ${q(o.sha)}) { __typename }`;
    case 'release':
      return `${alias}: release(tagName: ${q(o.tag)}) { id }`;
  }
}

/** Answers the queries in batches of `batchSize` objects, one GraphQL request each. */
export async function viaGraphQL(octokit: Octokit, queries: readonly GitHubQuery[], batchSize: number, signal: AbortSignal): Promise<GitHubAnswer[]> {
  const answers: GitHubAnswer[] = [];
  for (let start = 0; start < queries.length; start += batchSize) {
    const chunk = queries.slice(start, start + batchSize);
    const repos = new Map<string, number>();
    const parts: string[] = [];
    const fieldsByRepo = new Map<number, string[]>();
    chunk.forEach((query, i) => {
      const key = `${query.owner.toLowerCase()}/${query.repo.toLowerCase()}`;
      let r = repos.get(key);
      if (r === undefined) {
        r = repos.size;
        repos.set(key, r);
        fieldsByRepo.set(r, ['isArchived']);
        parts.push(`r${r}: repository(owner: ${q(query.owner)}, name: ${q(query.repo)}) { __FIELDS${r}__ }`);
      }
      fieldsByRepo.get(r)!.push(objectFields(query, `o${i}`));
    });
    let text = `query {\n${parts.join('\n')}\nrateLimit { remaining resetAt }\n}`;
    for (const [r, fields] of fieldsByRepo) text = text.replace(`__FIELDS${r}__`, fields.filter((f) => f !== '').join('\n'));
    const data = await graphqlWithRetry(octokit, text, signal);
    chunk.forEach((query, i) => {
      const r = repos.get(`${query.owner.toLowerCase()}/${query.repo.toLowerCase()}`)!;
      answers.push(graphAnswer(query, data[`r${r}`] as Record<string, unknown> | null | undefined, `o${i}`));
    });
  }
  return answers;
}

async function graphqlWithRetry(octokit: Octokit, text: string, signal: AbortSignal, retry = true): Promise<Record<string, unknown>> {
  try {
    return await octokit.graphql<Record<string, unknown>>(text, { request: { signal } });
  } catch (err) {
    const e = err as OctokitErrorLike;
    if (Array.isArray(e.errors)) {
      if (e.errors.some((x) => x.type === 'RATE_LIMITED')) {
        const reset = e.headers?.['x-ratelimit-reset'];
        throw new RateLimited(reset !== undefined ? Number(reset) * 1000 : undefined);
      }
      // NOT_FOUND for a missing repository or object: the partial data says which.
      if (e.errors.every((x) => x.type === 'NOT_FOUND') && e.data) return e.data as Record<string, unknown>;
      throw new Error(e.errors.map((x) => x.message).join('; '), { cause: err });
    }
    const limited = rateLimitOf(e);
    if (limited) throw limited;
    if (e.status !== undefined && e.status >= 500 && e.response && retry) return graphqlWithRetry(octokit, text, signal, false);
    if (e.status === 500 && !e.response) throw new NetworkError(e.message, { cause: err });
    throw err;
  }
}

function graphAnswer(query: GitHubQuery, repo: Record<string, unknown> | null | undefined, alias: string): GitHubAnswer {
  if (!repo) return { repoExists: false, archived: false, found: undefined };
  const answer: GitHubAnswer = { repoExists: true, archived: repo['isArchived'] === true, found: true };
  const o = query.object;
  const obj = repo[alias] as { __typename?: string; text?: string | null; issueState?: string; pullState?: string; title?: string; closedAt?: string | null; mergedAt?: string | null } | null | undefined;
  const readme = repo[`${alias}r`] as { text?: string | null } | null | undefined;
  switch (o.kind) {
    case 'repo':
      if (readme?.text) answer.text = readme.text;
      break;
    case 'path': {
      answer.found = obj != null;
      if (query.wantText) {
        const t = o.view === 'tree' ? readme?.text : obj?.text;
        if (t) answer.text = t;
      }
      const ref = o.ref === '' ? 'HEAD' : o.ref;
      if (SHA_RE.test(ref) || ref === 'HEAD') {
        answer.refKind = 'commit';
      } else {
        const branch = repo[`${alias}b`] as { target?: { oid?: string } } | null | undefined;
        const tag = repo[`${alias}t`];
        const commit = repo[`${alias}c`];
        if (tag) answer.refKind = 'tag';
        else if (branch?.target?.oid) {
          answer.refKind = 'branch';
          answer.headSha = branch.target.oid;
        } else answer.refKind = commit ? 'commit' : 'unknown';
      }
      break;
    }
    case 'issue':
    case 'pull':
      answer.found = obj != null;
      if (obj?.issueState ?? obj?.pullState) answer.state = obj?.issueState ?? obj?.pullState;
      if (typeof obj?.title === 'string') answer.title = obj.title;
      if (obj?.closedAt) answer.closedAt = obj.closedAt;
      if (obj?.mergedAt) answer.mergedAt = obj.mergedAt;
      break;
    default:
      answer.found = obj != null;
  }
  return answer;
}
