/**
 * The shared messages (shared/protocol.ts) as vscode-languageclient's types. The client's copy of
 * vscode-jsonrpc may be another than the server's; esbuild.mjs bundles the shared module against
 * the client's copy, so at run time these are the client's own classes, and only their types
 * need saying here. Wire types: import them from shared/protocol.ts directly.
 */
import type * as client from 'vscode-languageclient';
import type * as server from 'vscode-languageserver-protocol';
import * as shared from '../../shared/protocol';

type ForClient<T> =
  T extends server.RequestType0<infer R, infer E> ? client.RequestType0<R, E>
    : T extends server.RequestType<infer P, infer R, infer E> ? client.RequestType<P, R, E>
      : T extends server.NotificationType<infer P> ? client.NotificationType<P>
        : never;

const forClient = <T>(message: T): ForClient<T> => message as unknown as ForClient<T>;

export const ReportRequest = forClient(shared.ReportRequest);
export const StatusNotification = forClient(shared.StatusNotification);
export const LinkCheckProgressNotification = forClient(shared.LinkCheckProgressNotification);
export const LinksNotCheckedNotification = forClient(shared.LinksNotCheckedNotification);
export const CancelLinkChecksNotification = forClient(shared.CancelLinkChecksNotification);
export const ClearLinkCacheRequest = forClient(shared.ClearLinkCacheRequest);
export const SetGitHubTokenNotification = forClient(shared.SetGitHubTokenNotification);
export const SetTrustedNotification = forClient(shared.SetTrustedNotification);
export const TemplateProfilesRequest = forClient(shared.TemplateProfilesRequest);
export const NewDocumentRequest = forClient(shared.NewDocumentRequest);
export const OpenIssueFromTodosRequest = forClient(shared.OpenIssueFromTodosRequest);
export const TodoOwnersRequest = forClient(shared.TodoOwnersRequest);
export const TodosForOwnerRequest = forClient(shared.TodosForOwnerRequest);
export const DraftFromIssueRequest = forClient(shared.DraftFromIssueRequest);
export const TriageIssueRequest = forClient(shared.TriageIssueRequest);
export const PostTriageRequest = forClient(shared.PostTriageRequest);
export const RefreshEvidenceRequest = forClient(shared.RefreshEvidenceRequest);
export const FsStatRequest = forClient(shared.FsStatRequest);
export const FsReadFileRequest = forClient(shared.FsReadFileRequest);
export const FsReadDirectoryRequest = forClient(shared.FsReadDirectoryRequest);
export const FsWriteFileRequest = forClient(shared.FsWriteFileRequest);
export const InterviewsRequest = forClient(shared.InterviewsRequest);
export const InterviewsChangedNotification = forClient(shared.InterviewsChangedNotification);
export const NewInterviewRequest = forClient(shared.NewInterviewRequest);
export const PublicCommentRequest = forClient(shared.PublicCommentRequest);
