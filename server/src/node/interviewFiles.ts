/**
 * The interview files beside a due diligence on the disk, for the CLI (service/interviewFolder.ts
 * over node:fs): the same bounds as in the editor, symbolic links skipped.
 */
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NewInterview } from '../../../shared/protocol';
import type { ApiOutcome } from '../service/evidence/types';
import type { CancellationToken } from '../service/host';
import type { InterviewText } from '../service/interviews/index';
import { interviewFilesIn, planNewInterview, type InterviewFolder, type NewInterviewOptions } from '../service/interviewFolder';
import type { TemplateSources } from '../service/template/source';
import type { DiligenceService, ServiceDocument } from '../service/types';
import { nodeFolderAccess } from './configFiles';
import { localPath } from './hostAdapters';

export type { NewInterviewOptions } from '../service/interviewFolder';

const folderOn = (dir: string, skip?: string): InterviewFolder => ({ fs: nodeFolderAccess, dir, uriOf: (path) => pathToFileURL(path).toString(), skip });

export async function interviewFilesBeside(docUri: string, openText: (uri: string) => string | undefined = () => undefined): Promise<InterviewText[] | undefined> {
  const docPath = localPath(docUri);
  if (!docPath) return undefined;
  return interviewFilesIn(folderOn(dirname(docPath), docPath), openText);
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
    const dir = dirname(docPath);
    let listed = folders.get(dir);
    if (!listed) folders.set(dir, (listed = interviewFilesIn(folderOn(dir), () => undefined)));
    const files = await listed;
    return files?.filter((f) => f.uri !== docUri);
  };
}

/**
 * The interview file to create beside a due diligence (or the one already there), from the
 * questions template read from the workspace or the canonical repository. Nothing is written here.
 */
export function newInterview(service: DiligenceService, doc: ServiceDocument, o: NewInterviewOptions, sources: TemplateSources, token: CancellationToken): Promise<ApiOutcome<NewInterview>> {
  return planNewInterview(service, doc, o, sources, token, interviewFilesBeside);
}
