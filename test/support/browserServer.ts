/**
 * The browser build of the language server (dist/browser/server.js), run in Node as a browser
 * would run it: in a `vm` context that has the web's globals only (no `process`, `Buffer`,
 * `require`, `setImmediate`), with a `self` that stands for the worker's global scope. Messages
 * cross as a worker's do: copied (through JSON, in the receiving realm), delivered on a later
 * task. The test side speaks LSP to it through a message reader and writer over that port, and
 * answers the server's file requests (`diligence/fs…`) from an in-memory workspace, as the
 * browser client answers them from vscode.workspace.fs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  createProtocolConnection,
  type DataCallback,
  type Diagnostic,
  type Disposable,
  type Message,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { FsReadDirectoryRequest, FsReadFileRequest, FsStatRequest, FsWriteFileRequest } from '../../shared/protocol';
import { ROOT } from './docs';
import { ensureBuilt } from './lspClient';

export const BROWSER_SERVER = join(ROOT, 'dist', 'browser', 'server.js');

/** What a dedicated worker's global scope offers that the server may use: the web platform's globals, nothing of Node's. */
function webGlobals(): Record<string, unknown> {
  const g = globalThis as unknown as Record<string, unknown>;
  const names = ['console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'structuredClone', 'URL', 'URLSearchParams',
    'TextEncoder', 'TextDecoder', 'AbortController', 'AbortSignal', 'fetch', 'Headers', 'Request', 'Response', 'FormData', 'Blob', 'ReadableStream',
    'atob', 'btoa', 'crypto', 'performance', 'EventTarget', 'Event', 'DOMException'];
  return Object.fromEntries(names.filter((n) => g[n] !== undefined).map((n) => [n, g[n]]));
}

/** the in-memory workspace: a URI → its text, or 'dir' for a folder (a folder holding files is there without it) */
export type Workspace = Map<string, string | 'dir'>;

export interface BrowserTestClient {
  connection: ProtocolConnection;
  published: PublishDiagnosticsParams[];
  /** every file request the server made: method and URI */
  fileRequests: Array<{ method: string; uri: string }>;
  /** what the server wrote (the caches), by URI */
  written: Map<string, string>;
  logs: string[];
  diagnostics(uri: string, predicate?: (d: Diagnostic[], version: number | undefined) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  close(): Promise<void>;
}

class PortReader extends AbstractMessageReader {
  private callback: DataCallback | undefined;
  deliver(message: Message): void {
    this.callback?.(message);
  }
  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    return { dispose: () => { this.callback = undefined; } };
  }
}

class PortWriter extends AbstractMessageWriter {
  constructor(private readonly send: (m: Message) => void) {
    super();
  }
  write(msg: Message): Promise<void> {
    this.send(msg);
    return Promise.resolve();
  }
  end(): void {}
}

export function startBrowserServer(workspace: Workspace, options: { roots?: string[]; readable?: (uri: string) => boolean } = {}): BrowserTestClient {
  ensureBuilt();
  const code = readFileSync(BROWSER_SERVER, 'utf8');
  const context = vm.createContext(webGlobals());
  const inWorker = vm.runInContext('(json) => ({ data: JSON.parse(json) })', context) as (json: string) => { data: unknown };
  const reader = new PortReader();
  let closed = false;
  const listeners: Array<(e: unknown) => void> = [];
  // the worker's `self`: the server sets onmessage and posts its messages
  const self: { onmessage: ((e: { data: unknown }) => void) | null; postMessage(m: unknown): void; addEventListener(t: string, l: (e: unknown) => void): void } = {
    onmessage: null,
    postMessage(m) {
      const json = JSON.stringify(m);
      setTimeout(() => { if (!closed) reader.deliver(JSON.parse(json) as Message); }, 0);
    },
    addEventListener(_type, l) {
      listeners.push(l);
    },
  };
  context['self'] = self;
  vm.runInContext(code, context, { filename: BROWSER_SERVER });
  const writer = new PortWriter((m) => {
    const json = JSON.stringify(m);
    setTimeout(() => { if (!closed) self.onmessage?.(inWorker(json)); }, 0);
  });
  const connection = createProtocolConnection(reader, writer);
  const published: PublishDiagnosticsParams[] = [];
  const fileRequests: Array<{ method: string; uri: string }> = [];
  const written = new Map<string, string>();
  const logs: string[] = [];
  const waiters: Array<{ uri: string; pred: (d: Diagnostic[], v: number | undefined) => boolean; resolve: (d: Diagnostic[]) => void }> = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.pred(p.diagnostics, p.version)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  const readable = options.readable ?? (() => true);
  const isFolder = (uri: string): boolean => workspace.get(uri) === 'dir' || [...workspace.keys()].some((k) => k.startsWith(`${uri}/`));
  connection.onRequest(FsStatRequest.method, (p: { uri: string }) => {
    fileRequests.push({ method: 'stat', uri: p.uri });
    if (!readable(p.uri)) throw new Error('outside the workspace');
    const e = workspace.get(p.uri);
    if (e === undefined) return isFolder(p.uri) ? { type: 'directory', size: 0 } : null;
    return { type: e === 'dir' ? 'directory' : 'file', size: e === 'dir' ? 0 : e.length };
  });
  connection.onRequest(FsReadDirectoryRequest.method, (p: { uri: string; maxEntries: number }) => {
    fileRequests.push({ method: 'readDirectory', uri: p.uri });
    if (!readable(p.uri)) throw new Error('outside the workspace');
    if (!isFolder(p.uri)) return null;
    const names = new Map<string, 'file' | 'directory'>();
    for (const [k, v] of workspace) {
      if (!k.startsWith(`${p.uri}/`)) continue;
      const rest = k.slice(p.uri.length + 1).split('/');
      names.set(decodeURIComponent(rest[0]!), rest.length > 1 || v === 'dir' ? 'directory' : 'file');
    }
    const entries = [...names].map(([name, type]) => ({ name, type }));
    return { entries: entries.slice(0, p.maxEntries), truncated: entries.length > p.maxEntries };
  });
  connection.onRequest(FsReadFileRequest.method, (p: { uri: string; maxBytes: number }) => {
    fileRequests.push({ method: 'readFile', uri: p.uri });
    if (!readable(p.uri)) throw new Error('outside the workspace');
    const e = workspace.get(p.uri);
    if (e === undefined || e === 'dir') return null;
    return { text: e.slice(0, p.maxBytes), truncated: e.length > p.maxBytes };
  });
  connection.onRequest(FsWriteFileRequest.method, (p: { uri: string; text: string }) => {
    fileRequests.push({ method: 'writeFile', uri: p.uri });
    written.set(p.uri, p.text);
    workspace.set(p.uri, p.text);
  });
  connection.listen();
  return {
    connection,
    published,
    fileRequests,
    written,
    logs,
    diagnostics(uri, predicate = () => true, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; log: ${logs.join('\n')}`)), timeoutMs);
        waiters.push({ uri, pred: predicate, resolve: (d) => { clearTimeout(timer); resolve(d); } });
      });
    },
    async close() {
      try {
        await connection.sendRequest('shutdown');
      } finally {
        closed = true;
        connection.dispose();
      }
    },
  };
}
