/**
 * Where the CLI writes. Standard output and error survive a reader that goes away (`| head -1`):
 * once a write fails with EPIPE the rest is dropped, the check still runs to its exit code.
 * `-o FILE` collects the output and writes it to FILE at the end.
 */
import { closeSync, openSync, writeFileSync } from 'node:fs';

export interface CliIO {
  /** one line of output (the newline is added) */
  out(s: string): void;
  /** one line for the user (errors, summaries) */
  err(s: string): void;
  /** standard input, read whole (for `-`) */
  stdin(): Promise<Buffer>;
}

/** A line writer to a stream that stops quietly when the reader has gone. */
export function pipeSafeWriter(stream: NodeJS.WriteStream): (s: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') closed = true;
    else throw e;
  });
  return (s) => {
    if (closed) return;
    try {
      stream.write(s + '\n');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') closed = true;
      else throw e;
    }
  };
}

/** Standard input, at most `maxBytes` (more is an error rather than a hang on memory). */
export function readStdin(maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    process.stdin.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        process.stdin.destroy();
        reject(new Error(`standard input is more than ${maxBytes.toLocaleString('en')} bytes`));
      } else chunks.push(c);
    });
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

/** `-o FILE`: opened at once (a path that cannot be written is said before any work), written at the end. */
export function openOutputFile(path: string): { out: (s: string) => void; close(): string | undefined } | { error: string } {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : `cannot be written (${code ?? String(e)})` };
  }
  const lines: string[] = [];
  return {
    out: (s) => { lines.push(s); },
    close: () => {
      try {
        const data = lines.length > 0 ? lines.join('\n') + '\n' : '';
        writeFileSync(fd, data);
        return undefined;
      } catch (e) {
        return `cannot be written (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
      } finally {
        closeSync(fd);
      }
    },
  };
}
