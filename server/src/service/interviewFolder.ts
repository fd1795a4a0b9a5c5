/**
 * The interview files beside a due diligence, over a host's FolderAccess (the disk under Node,
 * the client's file requests in the browser): the markdown files of its folder whose name says
 * interview, or whose first 4 KB carry the scaffold's marker. Bounded: at most 400 entries looked
 * at, 50 files kept, each at most 256 KB; symbolic links and anything but regular files are
 * skipped (nothing is read outside the folder). An open editor's text wins over the folder's.
 * And the new interview's text, planned from them (written by the client, never over a file).
 */
import type { ApiOutcome } from './evidence/types';
import type { FolderAccess } from './folderAccess';
import type { CancellationToken } from './host';
import { isInterviewName, looksLikeInterview, MAX_INTERVIEW_FILES, MAX_INTERVIEW_SIZE, parseInterview, planInterview, QUESTIONS_TEMPLATE, readTocTemplate } from './interviews/index';
import type { InterviewText } from './interviews/index';
import type { TemplateSources } from './template/source';
import type { DiligenceService, ServiceDocument } from './types';

/** the most entries of a folder looked at */
export const MAX_FOLDER_ENTRIES = 400;
/** the scaffold's marker is looked for in this much of a file whose name does not say interview */
const HEAD_BYTES = 4096;

/** the interview files a document's neighbours are looked for with: a folder, and what makes a location a URI */
export interface InterviewFolder {
  fs: FolderAccess;
  dir: string;
  uriOf(location: string): string;
  /** the due diligence itself, left out */
  skip?: string | undefined;
}

async function readIfInterview(fs: FolderAccess, loc: string, name: string, uri: string): Promise<string | undefined> {
  try {
    // the cheap look first: a name that says interview, else the marker in the first 4 KB
    if (!isInterviewName(name)) {
      const head = await fs.readText(loc, HEAD_BYTES);
      if (!looksLikeInterview(uri, head.text)) return undefined;
    }
    const read = await fs.readText(loc, MAX_INTERVIEW_SIZE * 4);
    return !read.truncated && looksLikeInterview(uri, read.text) ? read.text : undefined;
  } catch {
    // gone meanwhile, or unreadable: not an interview we can read
    return undefined;
  }
}

/** The interview files of the folder (sorted by name), or undefined when it cannot be listed. */
export async function interviewFilesIn(folder: InterviewFolder, openText: (uri: string) => string | undefined): Promise<InterviewText[] | undefined> {
  const { fs, dir } = folder;
  const entries = await fs.list?.(dir, MAX_FOLDER_ENTRIES);
  if (!entries) return undefined;
  const out: InterviewText[] = [];
  for (const { name, type } of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (out.length >= MAX_INTERVIEW_FILES) break;
    if (!/\.(?:md|markdown)$/i.test(name)) continue;
    const loc = fs.join(dir, name);
    if (loc === folder.skip) continue;
    const uri = folder.uriOf(loc);
    const open = openText(uri);
    if (open !== undefined) {
      if (looksLikeInterview(uri, open)) out.push({ uri, text: open });
      continue;
    }
    if (type !== 'file') continue;
    const text = await readIfInterview(fs, loc, name, uri);
    if (text !== undefined) out.push({ uri, text });
  }
  return out;
}

/** the file to create (or the one there), and where its questions came from (shared/protocol.ts NewInterview) */
export type PlannedNewInterview = ReturnType<typeof planInterview> & { template: { source: 'workspace' | 'github'; where: string } };

export interface NewInterviewOptions {
  organisation: string;
  anonymous: boolean;
  /** YYYY-MM-DD */
  date: string;
  interviewer: string;
  allowNetwork: boolean;
  openText?: (uri: string) => string | undefined;
}

/**
 * The interview file to create beside a due diligence (or the one already there), from the
 * questions template read from the workspace or the canonical repository. Nothing is written here.
 */
export async function planNewInterview(
  service: DiligenceService, doc: ServiceDocument, o: NewInterviewOptions, sources: TemplateSources, token: CancellationToken,
  beside: (docUri: string, openText?: (uri: string) => string | undefined) => Promise<InterviewText[] | undefined>,
): Promise<ApiOutcome<PlannedNewInterview>> {
  if (!o.organisation.trim()) return { ok: false, kind: 'other', message: 'the organisation is needed' };
  if (!/^\d{4}-\d\d-\d\d$/.test(o.date) || Number.isNaN(Date.parse(o.date))) return { ok: false, kind: 'other', message: `the date must be YYYY-MM-DD, not "${o.date}"` };
  const template = await readTocTemplate(QUESTIONS_TEMPLATE, doc.uri, sources, service.config, o.allowNetwork, token);
  if (!template.ok) return template;
  const existing = ((await beside(doc.uri, o.openText)) ?? []).map((f) => ({ ...f, organisation: parseInterview(f.uri, f.text).organisation }));
  const project = service.getModel(doc)?.project ?? '';
  const folder = doc.uri.slice(0, doc.uri.lastIndexOf('/') + 1);
  const plan = planInterview(folder, existing, { template: template.value.text, project, organisation: o.organisation.trim(), anonymous: o.anonymous, date: o.date, interviewer: o.interviewer });
  return { ok: true, value: { ...plan, template: { source: template.value.source, where: template.value.where } } };
}
