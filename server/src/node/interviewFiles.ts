/**
 * The interview files beside a due diligence: the markdown files of its folder whose name says
 * interview, or whose first 4 KB carry the scaffold's marker. Bounded: at most 400 entries looked
 * at, 50 files kept, each at most 256 KB; symbolic links and anything but regular files are
 * skipped (nothing is read outside the folder). An open editor's text wins over the disk's.
 */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NewInterview } from '../../../shared/protocol';
import type { ApiOutcome } from '../service/evidence/types';
import type { CancellationToken } from '../service/host';
import { isInterviewName, looksLikeInterview, MAX_INTERVIEW_FILES, MAX_INTERVIEW_SIZE, parseInterview, planInterview, QUESTIONS_TEMPLATE, readTocTemplate } from '../service/interviews/index';
import type { InterviewText } from '../service/interviews/index';
import type { TemplateSources } from '../service/template/source';
import type { DiligenceService, ServiceDocument } from '../service/types';
import { localPath, readCapped } from './hostAdapters';

const MAX_ENTRIES = 400;

export async function interviewFilesBeside(docUri: string, openText: (uri: string) => string | undefined = () => undefined): Promise<InterviewText[] | undefined> {
  const docPath = localPath(docUri);
  if (!docPath) return undefined;
  return interviewFilesIn(join(docPath, '..'), docPath, openText);
}

/**
 * interviewFilesBeside for a run over many files (the CLI): each folder is listed and read once,
 * not once per document in it.
 */
export function interviewListing(): (docUri: string) => Promise<InterviewText[] | undefined> {
  const folders = new Map<string, Promise<InterviewText[] | undefined>>();
  return async (docUri) => {
    const docPath = localPath(docUri);
    if (!docPath) return undefined;
    const dir = join(docPath, '..');
    let listed = folders.get(dir);
    if (!listed) folders.set(dir, (listed = interviewFilesIn(dir, undefined, () => undefined)));
    const files = await listed;
    return files?.filter((f) => f.uri !== docUri);
  };
}

async function interviewFilesIn(dir: string, docPath: string | undefined, openText: (uri: string) => string | undefined): Promise<InterviewText[] | undefined> {
  let names: string[];
  try {
    names = (await readdir(dir)).slice(0, MAX_ENTRIES);
  } catch {
    return undefined;
  }
  const out: InterviewText[] = [];
  for (const name of names.sort()) {
    if (out.length >= MAX_INTERVIEW_FILES) break;
    if (!/\.(?:md|markdown)$/i.test(name)) continue;
    const path = join(dir, name);
    if (path === docPath) continue;
    const uri = pathToFileURL(path).toString();
    const open = openText(uri);
    if (open !== undefined) {
      if (looksLikeInterview(uri, open)) out.push({ uri, text: open });
      continue;
    }
    try {
      const st = await lstat(path);
      if (!st.isFile() || st.size > MAX_INTERVIEW_SIZE * 4) continue;
      // the cheap look first: a name that says interview, else the marker in the first 4 KB
      if (!isInterviewName(name)) {
        const head = await readCapped(path, 4096);
        if (!head || !looksLikeInterview(uri, head.text)) continue;
      }
      const read = await readCapped(path, MAX_INTERVIEW_SIZE * 4);
      if (read && !read.truncated && looksLikeInterview(uri, read.text)) out.push({ uri, text: read.text });
    } catch {
      // gone meanwhile, or unreadable: not an interview we can read
    }
  }
  return out;
}

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
export async function newInterview(service: DiligenceService, doc: ServiceDocument, o: NewInterviewOptions, sources: TemplateSources, token: CancellationToken): Promise<ApiOutcome<NewInterview>> {
  if (!o.organisation.trim()) return { ok: false, kind: 'other', message: 'the organisation is needed' };
  if (!/^\d{4}-\d\d-\d\d$/.test(o.date) || Number.isNaN(Date.parse(o.date))) return { ok: false, kind: 'other', message: `the date must be YYYY-MM-DD, not "${o.date}"` };
  const template = await readTocTemplate(QUESTIONS_TEMPLATE, doc.uri, sources, service.config, o.allowNetwork, token);
  if (!template.ok) return template;
  const beside = (await interviewFilesBeside(doc.uri, o.openText)) ?? [];
  const existing = beside.map((f) => ({ ...f, organisation: parseInterview(f.uri, f.text).organisation }));
  const project = service.getModel(doc)?.project ?? '';
  const folder = doc.uri.slice(0, doc.uri.lastIndexOf('/') + 1);
  const plan = planInterview(folder, existing, { template: template.value.text, project, organisation: o.organisation.trim(), anonymous: o.anonymous, date: o.date, interviewer: o.interviewer });
  return { ok: true, value: { ...plan, template: { source: template.value.source, where: template.value.where } } };
}
