/** Reading a FILE argument of the command line: bounded, regular files only, UTF-8 or a sentence saying why not. */
import { readFileSync, statSync } from 'node:fs';

/** bytes read at most from a file named on the command line (four times the largest diligence.maxDocumentSize in UTF-8) */
export const MAX_FILE_BYTES = 4 * 20_000_000;

/** Reads a file as UTF-8 text, or says in one sentence why it cannot. */
export function readText(path: string): { text: string } | { error: string } {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read it (${code ?? String(e)})` };
  }
  if (st.isDirectory()) return { error: 'is a directory, not a file' };
  // a device or a FIFO (a committed symbolic link to /dev/zero) would be read forever
  if (!st.isFile()) return { error: 'is not a regular file' };
  if (st.size > MAX_FILE_BYTES) return { error: `is ${st.size.toLocaleString('en')} bytes, more than a document can be (${MAX_FILE_BYTES.toLocaleString('en')})` };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'EACCES' ? 'permission denied' : `cannot read it (${code ?? String(e)})` };
  }
  return decodeText(bytes);
}

/** Bytes as UTF-8 text, or why they are not a document. */
export function decodeText(bytes: Buffer): { text: string } | { error: string } {
  if (bytes.includes(0)) return { error: 'is a binary file (it contains NUL bytes), not a markdown document' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: 'is not valid UTF-8 text' };
  }
}
