/**
 * The real language server (dist/server.cjs) over stdio, driven by a JSON-RPC client, for the
 * protocol-level part of the benchmark. Like test/support/lspClient.ts, but the server is
 * started with node flags (--expose-gc and a SIGUSR2 → gc() preload, see serverGcHook.cjs) and
 * every publishDiagnostics is timestamped on arrival.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createProtocolConnection,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { shutdownServer } from '../test/support/lspClient';

export interface Published {
  at: number;
  params: PublishDiagnosticsParams;
}

export interface GcReport {
  gc: boolean;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export interface BenchServer {
  connection: ProtocolConnection;
  child: ChildProcess;
  published: Published[];
  /** the next publishDiagnostics (arrived after this call) for which the predicate holds */
  waitFor(pred: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<Published>;
  /** VmRSS of the server process, in bytes, from /proc/PID/status */
  rss(): number;
  /** asks the server process for a full GC (SIGUSR2 → preload) and waits until it reports back */
  forceGc(timeoutMs?: number): Promise<GcReport>;
  close(): Promise<void>;
}

export function startBenchServer(root: string): BenchServer {
  const server = join(root, 'dist', 'server.cjs');
  const hook = join(root, 'bench', 'serverGcHook.cjs');
  const child = spawn(process.execPath, ['--expose-gc', '-r', hook, server, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: Published[] = [];
  const waiters: Array<{ pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: Published) => void }> = [];
  const gcWaiters: Array<(r: GcReport) => void> = [];
  let stderr = '';
  let pending = '';
  child.stderr!.on('data', (b: Buffer) => {
    const s = b.toString();
    stderr += s;
    pending += s;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (line.startsWith('[bench-gc] ')) gcWaiters.shift()?.(JSON.parse(line.slice(11)) as GcReport);
    }
  });
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    const p = { at: performance.now(), params };
    published.push(p);
    for (const w of [...waiters]) {
      if (w.pred(params)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  connection.onNotification('window/logMessage', () => {});
  connection.listen();

  return {
    connection,
    child,
    published,
    waitFor(pred, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching publishDiagnostics within ${timeoutMs} ms; server stderr: ${stderr}`)), timeoutMs);
        waiters.push({ pred, resolve: (p) => { clearTimeout(timer); resolve(p); } });
      });
    },
    rss() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
      if (!m) throw new Error('no VmRSS in /proc status');
      return Number(m[1]) * 1024;
    },
    forceGc(timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the server did not report a GC')), timeoutMs);
        gcWaiters.push((r) => { clearTimeout(timer); resolve(r); });
        child.kill('SIGUSR2');
      });
    },
    close: () => shutdownServer(child, connection),
  };
}
