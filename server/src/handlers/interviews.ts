/**
 * Adopter interviews and the public comment: the interview files beside each open due diligence
 * are listed (again when one of them changes in the editor) and handed to the service, whose
 * interview lints are published for the interview files themselves; the requests of the commands
 * (a new interview's text, the tracker, the public-comment e-mail). Templates come from the
 * workspace, else GitHub (trusted workspaces with network checks on). The folder is listed
 * where the host reads it (DocumentFolders: the disk under Node, the client's file requests in
 * the browser and for virtual workspaces), by service/interviewFolder.ts for both.
 */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { InterviewsRequest, NewInterviewRequest, PublicCommentRequest } from '../../../shared/protocol';
import type { DocumentFolders } from './configFilesTypes';
import type { Session } from './session';
import { draftWithCheckoutPull, type ReadCheckout } from '../service/publicComment/ddPull';
import { foundTexts } from '../service/application/index';
import { folderOf, maintainersFromText } from '../service/interviews/index';
import { PUBLIC_COMMENT_TEMPLATE, readTocTemplate } from '../service/interviews/index';
import { networkChecksEnabled, noCancellation, type DiligenceService, type Logger } from '../service/index';
import type { FileSystem } from '../service/host';
import type { InterviewText } from '../service/interviews/index';
import { interviewFilesIn, planNewInterview } from '../service/interviewFolder';
import type { TemplateSources } from '../service/template/source';
import { invalidParams, logFailure, outcome, type RequestFunnel } from './requests';
import type { InterviewChecks } from './serverHost';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 500) : undefined);

/** The interview files beside a document, where the host reads its folder; undefined where it cannot. */
export function interviewFilesNear(folders: DocumentFolders, docUri: string, openText: (uri: string) => string | undefined = () => undefined): Promise<InterviewText[] | undefined> {
  const fs = folders.foldersFor(docUri);
  const loc = fs?.locationOf(docUri);
  if (!fs || loc === undefined) return Promise.resolve(undefined);
  return interviewFilesIn({ fs, dir: fs.dirname(loc), uriOf: (l) => fs.uriOf(l), skip: loc }, openText);
}

/** A host that cannot read a git checkout (the browser): the pull request keeps its placeholder, with a note. */
const noCheckout: ReadCheckout = () => Promise.resolve('this editor cannot read the git checkout');

export function registerInterviews(
  documents: TextDocuments<TextDocument>, service: DiligenceService, session: Session, funnel: RequestFunnel,
  opts: { publish: (uri: string) => void; logger: Logger }, host: { folders: DocumentFolders; files: FileSystem; readCheckout?: ReadCheckout; rootsFor: (uri: string) => Promise<string[]> },
): InterviewChecks {
  const openText = (uri: string): string | undefined => documents.get(uri)?.getText();
  const beside = (uri: string, open: (u: string) => string | undefined = openText): Promise<InterviewText[] | undefined> => interviewFilesNear(host.folders, uri, open);
  const sources = async (): Promise<TemplateSources> => {
    const tools = await session.tools();
    return { files: host.files, ...(tools ? { github: tools.templateGitHub } : {}), cache: session.templateCache, now: () => Date.now() };
  };
  const allowNetwork = (): boolean => session.trusted && networkChecksEnabled(service.config);
  const listed = new Set<string>();

  /**
   * The project's maintainers for the interviews beside a due diligence: the MAINTAINERS files
   * evidence discovery found for it (read at the commit it pinned, cached); the open interview
   * files of the folder are published again with them.
   */
  const maintainersOf = async (uri: string): Promise<void> => {
    const discovery = service.evidence.discovery(uri);
    if (!discovery) return;
    const tools = await session.tools();
    const texts = await foundTexts(discovery, { templates: await sources(), discoverer: tools?.discoverer, allowNetwork: allowNetwork() }, ['maintainers'], noCancellation);
    const list = [...texts.values()].flatMap(maintainersFromText);
    if (list.length === 0) return;
    service.interviews.setMaintainers(folderOf(uri), list);
    for (const d of documents.all()) if (folderOf(d.uri) === folderOf(uri) && service.interviews.isInterview(d)) opts.publish(d.uri);
  };

  /** lists the folder of a due diligence; re-publishes it when its interviews changed */
  const refresh = async (uri: string): Promise<void> => {
    const files = await beside(uri);
    if (!files) return;
    listed.add(uri);
    if (service.interviews.setFiles(folderOf(uri), files)) opts.publish(uri);
    await maintainersOf(uri);
  };

  funnel.onDocumentRequest(InterviewsRequest, async (doc, p) => {
    if (!listed.has(doc.uri) || p.relist === true) await refresh(doc.uri);
    return service.interviews.tracker(doc.uri) ?? { rows: [], held: 0, approved: 0, needed: 3 };
  });
  funnel.onDocumentRequest(NewInterviewRequest, async (doc, p, ct) => {
    const organisation = str(p.organisation);
    if (!organisation) return invalidParams('organisation is needed');
    const date = str(p.date) ?? new Date().toISOString().slice(0, 10);
    return outcome(await planNewInterview(service, doc, { organisation, anonymous: p.anonymous === true, date, interviewer: service.config.reviewer.name, allowNetwork: allowNetwork(), openText }, await sources(), ct, beside));
  });
  funnel.onDocumentRequest(PublicCommentRequest, async (doc, p, ct) => {
    const template = await readTocTemplate(PUBLIC_COMMENT_TEMPLATE, doc.uri, await sources(), service.config, allowNetwork(), ct);
    if (!template.ok) return outcome(template);
    const coSponsor = str(p.coSponsor), application = str(p.application), pullRequest = str(p.pullRequest);
    const search = { github: (await session.tools())?.issueGitHub, allowNetwork: allowNetwork(), apiUrl: service.config.github.apiUrl, tocRepo: service.config.evidence.tocRepo || 'cncf/toc', readCheckout: host.readCheckout ?? noCheckout, roots: await host.rootsFor(doc.uri) };
    const draft = await draftWithCheckoutPull(doc.uri, (pr = pullRequest) => service.draftPublicComment(doc, template.value.text, { ...(coSponsor ? { coSponsor } : {}), ...(application ? { application } : {}), ...(pr ? { pullRequest: pr } : {}) }), search, ct);
    if (!draft) return invalidParams('the document is too large to analyse');
    return { ...draft, template: { source: template.value.source, where: template.value.where } };
  });

  return {
    forget: (uri) => void listed.delete(uri),
    // a listed due diligence's discovery came (or changed): the maintainers for its interviews' lints
    discovered(uri) {
      if (listed.has(uri)) void maintainersOf(uri).catch((e) => logFailure(opts.logger, `maintainers for the interviews beside ${uri}`, e));
    },
    schedule(uri) {
      const doc = documents.get(uri);
      // a document whose folder the host cannot list (untitled) has no neighbours
      if (!doc || host.folders.foldersFor(uri)?.locationOf(uri) === undefined) return;
      const run = async (): Promise<void> => {
        if (service.interviews.isInterview(doc)) {
          // its due diligence(s) in the same folder see the new text
          for (const d of documents.all()) if (d.uri !== uri && folderOf(d.uri) === folderOf(uri) && listed.has(d.uri)) await refresh(d.uri);
        } else if (!listed.has(uri) && service.isDiligenceDocument(doc)) {
          // once per document: an interview file opened or edited here lists the folder again
          await refresh(uri);
        }
      };
      void run().catch((e) => logFailure(opts.logger, `interviews beside ${uri}`, e));
    },
  };
}
