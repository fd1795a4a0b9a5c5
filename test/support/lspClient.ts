/**
 * A real LSP client over stdio for protocol tests: spawns the bundled server and speaks
 * JSON-RPC to it. Waits on events (diagnostics arriving), never on fixed sleeps.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  createProtocolConnection,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from './docs';

/** DILIGENCE_SERVER: another build (bench/hostile.ts measures a copy while the tree is rebuilt) */
export const SERVER = process.env['DILIGENCE_SERVER'] ?? join(ROOT, 'dist', 'server.cjs');

export function ensureBuilt(): void {
  if (!existsSync(SERVER)) execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
}

export interface TestClient {
  connection: ProtocolConnection;
  child: ChildProcess;
  stderr: () => string;
  /** resolves with the next diagnostics for uri that satisfy the predicate */
  diagnostics(uri: string, predicate?: (d: Diagnostic[], version: number | undefined) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  published: PublishDiagnosticsParams[];
  close(): Promise<void>;
}

/** shutdown + exit, as a client should; a server that does not answer is killed. */
export async function shutdownServer(child: ChildProcess, connection: ProtocolConnection): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    try {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
    } catch {
      child.kill();
    }
    await exited;
  }
  connection.dispose();
}

export function startServer(args: string[] = ['--stdio'], onRequest?: (c: ProtocolConnection) => void): TestClient {
  ensureBuilt();
  const child = spawn(process.execPath, [SERVER, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (b: Buffer) => { err += b.toString(); });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
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
  connection.onNotification('window/logMessage', () => {});
  onRequest?.(connection);
  connection.listen();
  return {
    connection,
    child,
    stderr: () => err,
    published,
    diagnostics(uri, predicate = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${err}`)), timeoutMs);
        waiters.push({ uri, pred: predicate, resolve: (d) => { clearTimeout(timer); resolve(d); } });
      });
    },
    close: () => shutdownServer(child, connection),
  };
}

/** initialize + initialized, as an editor starts a session; answers the server's capabilities. */
export async function initialize(client: TestClient, params: { capabilities?: object; initializationOptions?: object; processId?: number | null; workspaceFolders?: string[] } = {}): Promise<{ capabilities: Record<string, unknown> }> {
  const res = await client.connection.sendRequest('initialize', {
    processId: params.processId === undefined ? process.pid : params.processId,
    rootUri: null,
    ...(params.workspaceFolders ? { workspaceFolders: params.workspaceFolders.map((uri) => ({ uri, name: uri.split('/').pop() ?? 'folder' })) } : {}),
    capabilities: params.capabilities ?? {},
    initializationOptions: params.initializationOptions,
  });
  await client.connection.sendNotification('initialized', {});
  return res as { capabilities: Record<string, unknown> };
}
