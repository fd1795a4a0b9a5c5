/**
 * The template each open document is held to: read once per document (again when the settings,
 * the token or the trust change) from its sources — the front matter, the settings' file, the
 * workspace checkout (its history from git, in trusted workspaces, inside the workspace folders),
 * the GitHub API (trusted workspaces with links on; cached in the network session, persisted as
 * templates.json) — then the diagnostics are re-published. Until then, and
 * offline with nothing cached, the built-in criteria stand in (said so in the title hover and the
 * report).
 */
import { CancellationTokenSource, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerHost } from './serverHost';
import type { DiligenceService, Logger } from '../service/index';
import { networkChecksEnabled } from '../service/config';
import { logFailure } from './requests';

export interface TemplateChecks {
  schedule(uri: string): void;
  /** read every open document's template again (the settings changed) */
  again(): void;
  forget(uri: string): void;
  /** the workspace folders: git runs only inside them */
  setRoots(roots: readonly string[]): void;
}

export function registerTemplates(documents: TextDocuments<TextDocument>, service: DiligenceService, host: ServerHost, opts: { publish: (uri: string) => void; logger: Logger }): TemplateChecks {
  const done = new Set<string>();
  let roots: readonly string[] = [];
  const { session, files } = host;
  const git = host.templateGit?.(() => roots);

  const run = async (uri: string): Promise<void> => {
    const tools = await session.tools();
    const doc = documents.get(uri);
    if (!doc || done.has(uri) || !service.isDiligenceDocument(doc)) return;
    done.add(uri);
    service.templates.setSources({ files, ...(session.trusted && git ? { git } : {}), ...(tools ? { github: tools.templateGitHub } : {}), cache: session.templateCache, now: () => Date.now() });
    const source = new CancellationTokenSource();
    try {
      const before = tools?.templateGitHub.requestCount ?? 0;
      await service.templates.resolve(doc, { allowNetwork: session.trusted && networkChecksEnabled(service.configFor(uri)), history: true }, source.token);
      opts.publish(uri);
      if ((tools?.templateGitHub.requestCount ?? 0) > before) await session.saveTemplates();
    } catch (e) {
      done.delete(uri);
      logFailure(opts.logger, `reading the template for ${uri}`, e);
    } finally {
      source.dispose();
    }
  };
  const again = (): void => {
    done.clear();
    for (const d of documents.all()) void run(d.uri);
  };
  // a new token or trust: read again (what was refused may be readable now)
  session.onDidChangeAccess((changed) => {
    if (changed) again();
  });
  return {
    schedule(uri) {
      if (!done.has(uri)) void run(uri);
    },
    again,
    forget(uri) {
      done.delete(uri);
    },
    setRoots(next) {
      roots = [...next];
    },
  };
}
