/**
 * `diligence.http.proxy: "vscode"`: the proxy of VS Code's own `http.proxy` and `http.noProxy`
 * settings (the language server is a separate process that VS Code's proxy support does not
 * reach). Without a `http.proxy`, the environment's (HTTPS_PROXY…), as VS Code does.
 */
type Settings = Record<string, unknown>;

const isObject = (v: unknown): v is Settings => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `diligence` settings with "vscode" replaced by VS Code's proxy (read with `readHttp` only then). */
export async function withEditorProxy(raw: unknown, readHttp: () => Promise<unknown>): Promise<unknown> {
  if (!isObject(raw) || !isObject(raw['http']) || raw['http']['proxy'] !== 'vscode') return raw;
  let vs: unknown;
  try {
    vs = await readHttp();
  } catch {
    vs = undefined;
  }
  const proxy = isObject(vs) && typeof vs['proxy'] === 'string' && vs['proxy'].trim() !== '' ? vs['proxy'].trim() : 'env';
  const noProxy = isObject(vs) && Array.isArray(vs['noProxy']) ? vs['noProxy'].filter((x): x is string => typeof x === 'string') : [];
  return { ...raw, http: { ...raw['http'], proxy, noProxy } };
}
