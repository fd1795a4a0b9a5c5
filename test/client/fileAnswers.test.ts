/**
 * The client's answers to the server's file requests (client/src/fileAnswers.ts), over a
 * workspace of our own given through the same API shape as vscode.workspace.fs: folders listed
 * inside the workspace folders only (a folder outside, or reached with `..`, is refused before
 * anything is asked), names and types only, at most the count asked and never more than the
 * client's own cap; a symbolic link is said to be 'other' and not read; writes go to the global
 * storage only.
 */
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import type * as vscode from 'vscode';
import { fileAnswers, MAX_DIRECTORY_ENTRIES, type FileApi } from '../../client/src/fileAnswers';

// vscode.FileType's values (the unit tests run without vscode)
const FileType = { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 } as const;

/** A stand-in for vscode.Uri: scheme, authority and path, joinPath resolving dot segments as vscode's does (posix). */
class FakeUri {
  constructor(readonly scheme: string, readonly authority: string, readonly path: string) {}
  static parse(raw: string): FakeUri {
    const m = /^([a-z][a-z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)/i.exec(raw);
    if (!m) throw new Error(`not a URI: ${raw}`);
    return new FakeUri(m[1]!.toLowerCase(), m[2] ?? '', m[3] || '/');
  }
  static joinPath(uri: FakeUri, ...parts: string[]): FakeUri {
    return new FakeUri(uri.scheme, uri.authority, posix.join(uri.path, ...parts));
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}`;
  }
}

type Node = { type: number; text?: string };

function workspace(files: Record<string, Node>, folders: string[]): { api: FileApi; asked: string[]; written: Map<string, string> } {
  const asked: string[] = [];
  const written = new Map<string, string>();
  const at = (uri: vscode.Uri): Node | undefined => {
    const key = uri.toString();
    if (files[key]) return files[key];
    return Object.keys(files).some((k) => k.startsWith(`${key}/`)) ? { type: FileType.Directory } : undefined;
  };
  const fs = {
    stat(uri: vscode.Uri) {
      asked.push(`stat ${uri.toString()}`);
      const n = at(uri);
      if (!n) return Promise.reject(new Error('FileNotFound'));
      return Promise.resolve({ type: n.type, size: n.text?.length ?? 0, ctime: 0, mtime: 0 });
    },
    readFile(uri: vscode.Uri) {
      asked.push(`read ${uri.toString()}`);
      return Promise.resolve(new TextEncoder().encode(at(uri)?.text ?? ''));
    },
    readDirectory(uri: vscode.Uri) {
      asked.push(`list ${uri.toString()}`);
      const base = `${uri.toString()}/`;
      const names = new Map<string, number>();
      for (const [k, n] of Object.entries(files)) {
        if (!k.startsWith(base)) continue;
        const rest = k.slice(base.length).split('/');
        names.set(rest[0]!, rest.length > 1 ? FileType.Directory : n.type);
      }
      return Promise.resolve([...names]);
    },
    writeFile(uri: vscode.Uri, bytes: Uint8Array) {
      written.set(uri.toString(), new TextDecoder().decode(bytes));
      return Promise.resolve();
    },
    createDirectory: () => Promise.resolve(),
  };
  const api = {
    Uri: FakeUri,
    FileType,
    fs,
    folders: () => folders.map((f) => FakeUri.parse(f)),
    storage: FakeUri.parse('vscode-userdata://user/globalStorage/diligence.diligence'),
  } as unknown as FileApi;
  return { api, asked, written };
}

const ROOT = 'vscode-vfs://github/acme/acme';

describe('client: answers to the server\'s file requests (fsReadDirectory, fsReadFile, fsStat, fsWriteFile)', () => {
  const files: Record<string, Node> = {
    [`${ROOT}/projects/b.md`]: { type: FileType.File, text: '# B' },
    [`${ROOT}/projects/a.md`]: { type: FileType.File, text: '# A' },
    [`${ROOT}/projects/sub/c.md`]: { type: FileType.File, text: '# C' },
    [`${ROOT}/projects/link.md`]: { type: FileType.File | FileType.SymbolicLink, text: 'secret elsewhere' },
    ['vscode-vfs://github/acme/other/secret.md']: { type: FileType.File, text: 'secret' },
  };

  it('lists a workspace folder: names and types, a symbolic link as other', async () => {
    const { api } = workspace(files, [ROOT]);
    const r = await fileAnswers(api).readDirectory({ uri: `${ROOT}/projects`, maxEntries: 10 });
    assert.deepEqual(r?.entries.sort((x, y) => x.name.localeCompare(y.name)), [
      { name: 'a.md', type: 'file' }, { name: 'b.md', type: 'file' }, { name: 'link.md', type: 'other' }, { name: 'sub', type: 'directory' },
    ]);
    assert.equal(r?.truncated, false);
    // a file is no folder; a folder that is not there is null
    assert.equal(await fileAnswers(api).readDirectory({ uri: `${ROOT}/projects/a.md`, maxEntries: 10 }), null);
    assert.equal(await fileAnswers(api).readDirectory({ uri: `${ROOT}/nowhere`, maxEntries: 10 }), null);
  });

  it('refuses a folder outside the workspace folders, also reached with .., before asking anything', async () => {
    const { api, asked } = workspace(files, [ROOT]);
    const answers = fileAnswers(api);
    for (const uri of ['vscode-vfs://github/acme/other', `${ROOT}/../other`, `${ROOT}/projects/../../other`, 'file:///etc', 'not a uri']) {
      await assert.rejects(answers.readDirectory({ uri, maxEntries: 10 }), /reads only inside the workspace/, uri);
    }
    await assert.rejects(answers.readFile({ uri: `${ROOT}/../other/secret.md`, maxBytes: 100 }), /outside/);
    assert.deepEqual(asked, [], 'nothing asked of the file system');
  });

  it('answers at most the count asked, and never more than its own cap', async () => {
    const many: Record<string, Node> = {};
    for (let i = 0; i < MAX_DIRECTORY_ENTRIES + 50; i++) many[`${ROOT}/big/f${i}.md`] = { type: FileType.File, text: '' };
    const { api } = workspace(many, [ROOT]);
    const few = await fileAnswers(api).readDirectory({ uri: `${ROOT}/big`, maxEntries: 3 });
    assert.equal(few?.entries.length, 3);
    assert.equal(few?.truncated, true);
    const greedy = await fileAnswers(api).readDirectory({ uri: `${ROOT}/big`, maxEntries: 1e9 });
    assert.equal(greedy?.entries.length, MAX_DIRECTORY_ENTRIES);
    const nonsense = await fileAnswers(api).readDirectory({ uri: `${ROOT}/big`, maxEntries: Number.NaN });
    assert.equal(nonsense?.entries.length, 0);
  });

  it('does not read through a symbolic link; reads are capped', async () => {
    const { api } = workspace(files, [ROOT]);
    const answers = fileAnswers(api);
    assert.equal(await answers.readFile({ uri: `${ROOT}/projects/link.md`, maxBytes: 100 }), null);
    assert.deepEqual(await answers.stat({ uri: `${ROOT}/projects/link.md` }), { type: 'other', size: 16 });
    assert.deepEqual(await answers.readFile({ uri: `${ROOT}/projects/a.md`, maxBytes: 1 }), { text: '#', truncated: true });
  });

  it('writes only in the global storage: never a workspace file, so never over an interview', async () => {
    const { api, written } = workspace(files, [ROOT]);
    const answers = fileAnswers(api);
    await assert.rejects(answers.writeFile({ uri: `${ROOT}/projects/a.md`, text: 'over it' }), /writes only its caches/);
    await assert.rejects(answers.writeFile({ uri: 'vscode-userdata://user/globalStorage/diligence.diligence/../other/x', text: '' }), /writes only its caches/);
    await answers.writeFile({ uri: 'vscode-userdata://user/globalStorage/diligence.diligence/links.json', text: '{}' });
    assert.deepEqual([...written.keys()], ['vscode-userdata://user/globalStorage/diligence.diligence/links.json']);
  });
});
