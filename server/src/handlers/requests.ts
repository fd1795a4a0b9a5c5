/**
 * One funnel for request handlers: it finds the document a request names (an unknown one is
 * InvalidParams), passes the request's cancellation token, and maps what the handler ends with:
 * a CancelledError becomes RequestCancelled, a ResponseError goes out as it is, a failed
 * ApiOutcome becomes InvalidRequest with its message, and any other throw is logged once and
 * answered with the handler's fallback (LSP features: an empty answer) or an InternalError.
 */
import { type CancellationToken, type Connection, ErrorCodes, LSPErrorCodes, type RequestHandler, type RequestHandler0, type RequestType, type RequestType0, ResponseError, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CancelledError, type Logger } from '../service/index';

/** An error as one log line: its stack when it has one. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.stack ?? e.message : String(e);
}

/** Logs `what failed: …` unless the work was cancelled; true when it was a real failure. */
export function logFailure(logger: Pick<Logger, 'error'>, what: string, e: unknown): boolean {
  if (e instanceof CancelledError) return false;
  logger.error(`${what} failed: ${errorText(e)}`);
  return true;
}

/** What the core's evidence requests answer (ApiOutcome): a value, or why not. */
type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

type Answer<R> = R | ResponseError<void>;

export class RequestFunnel {
  constructor(private readonly connection: Connection, private readonly documents: TextDocuments<TextDocument>, private readonly logger: Pick<Logger, 'error'>) {}

  /** The open document `uri` names, or InvalidParams (a malformed or unknown uri). */
  document(uri: unknown): TextDocument | ResponseError<void> {
    const d = typeof uri === 'string' ? this.documents.get(uri) : undefined;
    return d ?? new ResponseError(ErrorCodes.InvalidParams, `unknown document: ${String(uri)}`);
  }

  /** Runs a handler and maps how it ends (see the file comment). */
  async run<R>(what: string, fallback: R | undefined, handler: () => Answer<R> | Promise<Answer<R>>): Promise<Answer<R>> {
    try {
      return await handler();
    } catch (e) {
      return this.failed(what, fallback, e);
    }
  }

  /** The synchronous twin of run, for the LSP features the core answers at once. */
  runSync<R>(what: string, fallback: R, handler: () => R): R | ResponseError<void> {
    try {
      return handler();
    } catch (e) {
      return this.failed(what, fallback, e);
    }
  }

  /** A request with no parameters. */
  onRequest0<R>(type: RequestType0<R, void>, handler: (token: CancellationToken) => Answer<R> | Promise<Answer<R>>): void {
    // (the casts: HandlerResult's conditional type stays unresolved for a generic R)
    this.connection.onRequest(type, ((token) => this.run(type.method, undefined, () => handler(token))) as RequestHandler0<R, void>);
  }

  /** A request about an open document (`params.uri`); the handler gets the document, the params and the token. */
  onDocumentRequest<P extends { uri: string }, R>(type: RequestType<P, R, void>, handler: (doc: TextDocument, params: P, token: CancellationToken) => Answer<R> | Promise<Answer<R>>): void {
    this.connection.onRequest(type, ((params: P | null | undefined, token) => this.run(type.method, undefined, () => {
      const doc = this.document(params?.uri);
      return doc instanceof ResponseError ? doc : handler(doc, params!, token);
    })) as RequestHandler<P, R, void>);
  }

  /** A request whose parameters are checked by the handler. */
  onRequest<P, R>(type: RequestType<P, R, void>, handler: (params: Partial<P> | null | undefined, token: CancellationToken) => Answer<R> | Promise<Answer<R>>): void {
    this.connection.onRequest(type, ((params: Partial<P> | null | undefined, token) => this.run(type.method, undefined, () => handler(params, token))) as RequestHandler<P, R, void>);
  }

  private failed<R>(what: string, fallback: R | undefined, e: unknown): R | ResponseError<void> {
    if (e instanceof CancelledError) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    if (e instanceof ResponseError) return e as ResponseError<void>;
    logFailure(this.logger, what, e);
    return fallback !== undefined ? fallback : new ResponseError(ErrorCodes.InternalError, `${what} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A failed outcome as an InvalidRequest error with its message. */
export function outcome<T>(r: Outcome<T>): T | ResponseError<void> {
  return r.ok ? r.value : new ResponseError(ErrorCodes.InvalidRequest, r.message);
}

export const invalidParams = (message: string): ResponseError<void> => new ResponseError(ErrorCodes.InvalidParams, message);
