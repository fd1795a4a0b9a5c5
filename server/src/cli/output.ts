/**
 * Where the CLI writes. Standard output and error survive a reader that goes away (`| head -1`):
 * once a write fails with EPIPE the rest is dropped, the check still runs to its exit code.
 * `-o FILE` collects the output and writes it to FILE at the end.
 */
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { MAX_FILE_BYTES } from './readText';

/** Writes one line (the newline is added); `bytes`, when it has it, writes bytes as they are. */
export type LineWriter = ((s: string) => void) & { bytes?: (b: Uint8Array) => void };

export interface CliIO {
  /** one line of output (the newline is added) */
  out: LineWriter;
  /** one line for the user (errors, summaries) */
  err(s: string): void;
  /** standard input, read whole (for `-`) */
  stdin(): Promise<Buffer>;
}

/** Standard output and error (each safe from a reader that goes away) and input. */
export function defaultIO(): CliIO {
  return { out: pipeSafeWriter(process.stdout), err: pipeSafeWriter(process.stderr), stdin: () => readStdin(MAX_FILE_BYTES) };
}

/** A line writer to a stream that stops quietly when the reader has gone. */
export function pipeSafeWriter(stream: NodeJS.WriteStream): LineWriter {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') closed = true;
    else throw e;
  });
  const write = (data: string | Uint8Array): void => {
    if (closed) return;
    try {
      stream.write(data);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') closed = true;
      else throw e;
    }
  };
  return Object.assign((s: string) => write(s + '\n'), { bytes: write });
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

/** Writes `-o FILE` out at the end: the exit code (2 when it cannot be written, said on stderr), else `code`. */
export function closeOutput(output: { close(): string | undefined } | undefined, path: string | undefined, err: (s: string) => void, code: number): number {
  const problem = output?.close();
  if (!problem) return code;
  err(`diligence: -o ${path}: ${problem}`);
  return 2;
}

/** `-o FILE`: opened at once (a path that cannot be written is said before any work), written at the end. */
export function openOutputFile(path: string): { out: LineWriter; close(): string | undefined } | { error: string } {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : `cannot be written (${code ?? String(e)})` };
  }
  const chunks: Uint8Array[] = [];
  return {
    out: Object.assign((s: string) => { chunks.push(Buffer.from(s + '\n')); }, { bytes: (b: Uint8Array) => { chunks.push(b); } }),
    close: () => {
      try {
        writeFileSync(fd, Buffer.concat(chunks));
        return undefined;
      } catch (e) {
        return `cannot be written (${(e as NodeJS.ErrnoException).code ?? String(e)})`;
      } finally {
        closeSync(fd);
      }
    },
  };
}
