/**
 * Evidence discovery in the server: after a document's local diagnostics, the evidence of its
 * repositories is discovered (cached per repository in the network session, persisted beside the
 * link cache) and the diagnostics are re-published when it changed. Gated like the link checks:
 * nothing is requested in an untrusted workspace or with links/evidence turned off. Also the
 * requests of the "New due-diligence document…" and "Open GitHub issue from TODOs…" commands.
 */
import { CancellationTokenSource, ErrorCodes, ResponseError, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiscoverEvidenceRequest, RefreshEvidenceRequest, NewDocumentRequest, OpenIssueFromTodosRequest, TemplateProfilesRequest } from '../../../shared/protocol';
import type { Session } from './session';
import { type DiligenceService, type Logger, templateLocation } from '../service/index';
import { invalidParams, logFailure, outcome, type RequestFunnel } from './requests';

export interface EvidenceChecks {
  schedule(uri: string): void;
}

const untrusted = (): ResponseError<void> => new ResponseError(ErrorCodes.InvalidRequest, 'not in an untrusted workspace: Diligence makes no network request there');
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Discovery after each analysis; one at a time per document, the next one when it ends. */
function evidenceRuns(documents: TextDocuments<TextDocument>, service: DiligenceService, session: Session, opts: { publish: (uri: string) => void; logger: Logger }): EvidenceChecks {
  const running = new Set<string>();
  const again = new Set<string>();
  /** what was published last per document, to re-publish only on a change */
  const last = new Map<string, string>();

  const run = async (uri: string): Promise<void> => {
    await session.ready();
    const doc = documents.get(uri);
    if (!doc || !service.isDiligenceDocument(doc)) return;
    running.add(uri);
    const source = new CancellationTokenSource();
    try {
      const d = await service.evidence.discover(doc, { allowNetwork: session.trusted }, source.token);
      const key = JSON.stringify(d ?? null);
      if (last.get(uri) !== key) {
        last.set(uri, key);
        opts.publish(uri);
        if (d?.results.some((r) => !r.fromCache)) await session.saveEvidence();
      }
    } catch (e) {
      logFailure(opts.logger, `evidence discovery for ${uri}`, e);
    } finally {
      running.delete(uri);
      source.dispose();
      if (again.delete(uri)) void run(uri);
    }
  };
  const schedule = (uri: string): void => {
    if (running.has(uri)) again.add(uri);
    else void run(uri);
  };
  // a new token or trust: discover again (what was refused may be found now)
  session.onDidChangeAccess((changed) => {
    if (changed) for (const d of documents.all()) schedule(d.uri);
  });
  return { schedule };
}

/** The evidence requests: discover now, the template profiles, a new document, an issue from TODOs. */
function evidenceRequests(service: DiligenceService, session: Session, funnel: RequestFunnel, publish: (uri: string) => void): void {
  funnel.onDocumentRequest(DiscoverEvidenceRequest, async (d, _p, ct) => {
    const result = await service.evidence.discover(d, { allowNetwork: session.trusted }, ct);
    publish(d.uri);
    return result ?? null;
  });
  funnel.onDocumentRequest(RefreshEvidenceRequest, async (d, _p, ct) => {
    if (!session.trusted) return untrusted();
    const r = await service.evidence.refresh(d, { allowNetwork: true }, ct);
    publish(d.uri);
    if (r?.rewritten) await session.saveEvidence();
    return r ? { edits: r.edits, rewritten: r.rewritten, changes: r.changes, ...(r.notDiscovered ? { notDiscovered: r.notDiscovered.message } : {}) } : null;
  });
  funnel.onRequest0(TemplateProfilesRequest, () =>
    service.profiles().map((p) => ({ id: p.id, name: p.name, stage: p.stage, foundation: p.foundation, template: templateLocation(p, service.config.templates) ?? null })));
  funnel.onRequest(NewDocumentRequest, async (p, ct) => {
    if (!session.trusted) return untrusted();
    if (typeof p?.profile !== 'string' || typeof p.project !== 'string') return invalidParams('profile and project are needed');
    const level = str(p.level);
    const date = str(p.date);
    return outcome(await service.evidence.newDocument({
      profile: p.profile,
      project: p.project,
      ...(level !== undefined ? { level } : {}),
      reviewer: str(p.reviewer) || service.config.reviewer.name,
      ...(date !== undefined ? { date } : {}),
    }, ct));
  });
  funnel.onRequest(OpenIssueFromTodosRequest, async (p, ct) => {
    if (!session.trusted) return untrusted();
    const d = funnel.document(p?.uri);
    if (d instanceof ResponseError) return d;
    if (typeof p?.owner !== 'string' || typeof p.repo !== 'string') return invalidParams('owner and repo are needed');
    const title = str(p.title);
    const documentUrl = str(p.documentUrl);
    return outcome(await service.evidence.openIssue(d, {
      uri: d.uri, owner: p.owner, repo: p.repo,
      ...(title !== undefined ? { title } : {}),
      ...(documentUrl !== undefined ? { documentUrl } : {}),
    }, ct));
  });
}

export function registerEvidence(documents: TextDocuments<TextDocument>, service: DiligenceService, session: Session, funnel: RequestFunnel, opts: { publish: (uri: string) => void; logger: Logger }): EvidenceChecks {
  evidenceRequests(service, session, funnel, opts.publish);
  return evidenceRuns(documents, service, session, opts);
}
