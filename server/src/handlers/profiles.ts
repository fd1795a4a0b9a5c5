/**
 * User profiles (`diligence.profiles`): read through the host FileSystem, validated by the core,
 * problems shown to the user once (window message + log). Also the TODO-per-owner requests.
 */
import { type Connection, MessageType, ShowMessageNotification } from 'vscode-languageserver';
import { TodoOwnersRequest, TodosForOwnerRequest } from '../../../shared/protocol';
import { type DiligenceService, loadProfileFiles } from '../service/index';
import { invalidParams, type RequestFunnel } from './requests';
import type { ServerHost } from './serverHost';

export function registerProfiles(connection: Connection, service: DiligenceService, funnel: RequestFunnel, host: Pick<ServerHost, 'files' | 'resolveProfilePath'>, fromConfigFiles: () => string[] = () => []): {
  setRoots(roots: string[]): void;
  reload(): Promise<void>;
} {
  let roots: string[] = [];
  let shown = '';
  let generation = 0;

  funnel.onDocumentRequest(TodoOwnersRequest, (d) => ({ owners: service.todoOwners(d) }));
  funnel.onDocumentRequest(TodosForOwnerRequest, (d, p) => {
    if (typeof p.owner !== 'string' || !p.owner.trim()) return invalidParams('owner: expected a non-empty string');
    return service.todosForOwner(d, p.owner, typeof p.linkBase === 'string' ? p.linkBase : undefined) ?? null;
  });

  return {
    setRoots(next) {
      roots = next;
    },
    async reload() {
      // the user's, then those the open documents' configuration files name (absolute paths)
      const paths = [...new Set([...service.config.profiles, ...fromConfigFiles()])];
      const mine = ++generation;
      const { profiles, problems } = await loadProfileFiles(paths, host.files, (p) => host.resolveProfilePath(p, roots));
      if (mine !== generation) return; // a newer reload is under way
      service.setUserProfiles(profiles);
      if (profiles.length > 0) connection.console.info(`profiles: loaded ${profiles.map((p) => p.id).join(', ')}`);
      for (const p of problems) connection.console.warn(`profiles: ${p}`);
      const key = problems.join('\n');
      if (problems.length > 0 && key !== shown) {
        const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}: see the Diligence output)` : '';
        // a notification (not window/showMessageRequest): every client handles it, none answers
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Diligence: profile ${problems[0]}${more}` }).catch(() => {});
      }
      shown = key;
    },
  };
}
