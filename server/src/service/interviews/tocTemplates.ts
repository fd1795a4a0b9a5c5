/**
 * The TOC's other templates (adopter questions, the public-comment e-mail), read the way the DD
 * template is: a checkout of the TOC repository the document lives in (the file at
 * `operations/toc-templates/NAME` in an ancestor folder), else the canonical file through the
 * GitHub API (its newest commit, the commit list cached with the templates' TTL, each version for
 * good). Their text is never part of our sources.
 */
import type { DiligenceConfig } from '../config';
import type { ApiOutcome } from '../evidence/types';
import { throwIfCancelled, type CancellationToken } from '../host';
import { ancestors, cachedText, type FileCommit, type TemplateSources } from '../template/source';

export const TOC_TEMPLATES_DIR = 'operations/toc-templates';
export const QUESTIONS_TEMPLATE = 'template-adopter-questions.md';
export const PUBLIC_COMMENT_TEMPLATE = 'template-dd-public-comment.md';
const DEFAULT_REPO = 'cncf/toc';

export interface TocTemplate {
  text: string;
  /** 'workspace' (with its path) or 'github' (repo/path@sha) */
  source: 'workspace' | 'github';
  where: string;
}

export async function readTocTemplate(name: string, docUri: string, s: TemplateSources, config: DiligenceConfig, allowNetwork: boolean, token: CancellationToken): Promise<ApiOutcome<TocTemplate>> {
  const path = `${TOC_TEMPLATES_DIR}/${name}`;
  if (s.files) {
    for (const dir of ancestors(docUri)) {
      const uri = new URL(path, dir).toString();
      if (!(await s.files.exists(uri).catch(() => false))) continue;
      const text = await s.files.readFile(uri).catch(() => undefined);
      throwIfCancelled(token);
      if (text !== undefined) return { ok: true, value: { text, source: 'workspace', where: uri } };
    }
  }
  const repoName = /^[\w.-]+\/[\w.-]+$/.test(config.templates.repo) ? config.templates.repo : DEFAULT_REPO;
  const online = allowNetwork && s.github !== undefined;
  const notHere = `${name} is not in a checkout of ${repoName} around the document`;
  const key = `commits:${repoName}:${path}@`.toLowerCase();
  let commits: FileCommit[] | undefined = s.cache?.get(key, s.now())?.commits;
  if (!commits) {
    if (!online) return { ok: false, kind: 'network', message: `${notHere}, and the network is off (nothing cached)` };
    const [owner = '', repoShort = ''] = repoName.split('/');
    const r = await s.github!.fileCommits({ owner, name: repoShort }, path, '', token);
    throwIfCancelled(token);
    if (!r.ok && r.kind !== 'not-found') return { ok: false, kind: 'other', message: `${notHere}; GitHub: ${r.message}` };
    commits = r.ok ? r.value : [];
    s.cache?.set(key, { checkedAt: s.now(), commits }, config.templates.cacheTtl * 1000);
  }
  const head = commits[0];
  if (!head) return { ok: false, kind: 'not-found', message: `${notHere}, nor in ${repoName} on GitHub` };
  const [owner = '', repoShort = ''] = repoName.split('/');
  const text = await cachedText(s, online, { owner, name: repoShort }, path, head.sha, token);
  throwIfCancelled(token);
  if (!text.ok) return { ok: false, kind: 'other', message: `${notHere}; ${text.message}` };
  return { ok: true, value: { text: text.value, source: 'github', where: `${repoName}/${path}@${head.sha.slice(0, 8)}` } };
}
