/**
 * HttpClient over the browser's fetch, for what a page may ask cross-origin (the OpenSSF APIs
 * of evidence discovery). The browser follows redirects itself (a manual redirect is opaque to a
 * page), so the redirect hops are not vetted one by one as under Node; private and loopback
 * addresses are refused when the URL names them literally (a name is resolved by the browser,
 * out of our sight). Web pages of links are never requested here (browserSession.ts).
 */
import type { CancellationToken } from '../service/host';
import { isBlockedAddress, isIpLiteral } from '../service/links/ipRanges';
import type { HttpClient, HttpFailure, HttpRequest, HttpResponse } from '../service/links/types';
import { withAbortSignal } from '../web/cancellation';

function literalPrivate(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || (isIpLiteral(host) && isBlockedAddress(host));
}

/** at most `max` bytes of the body as text, and whether there was more */
async function cappedText(res: Response, max: number): Promise<{ body: string; truncated: boolean }> {
  const reader = res.body?.getReader();
  if (!reader) return { body: '', truncated: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.length > max) {
      chunks.push(value.subarray(0, max - size));
      size = max;
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    size += value.length;
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return { body: new TextDecoder().decode(all), truncated };
}

export function createFetchHttpClient(fetchImpl: typeof fetch = globalThis.fetch): HttpClient {
  return {
    async request(req: HttpRequest, token: CancellationToken): Promise<HttpResponse | HttpFailure> {
      let url: URL;
      try {
        url = new URL(req.url);
      } catch {
        return { ok: false, kind: 'other', message: `not a URL: ${req.url}` };
      }
      if (!req.allowPrivateHosts && literalPrivate(url)) return { ok: false, kind: 'blocked-address', message: `${url.hostname} is a private or local address` };
      try {
        return await withAbortSignal(token, async (cancelled) => {
          const signal = AbortSignal.any([cancelled, AbortSignal.timeout(req.timeoutMs)]);
          // no custom header: a header beyond the simple ones makes the browser send a preflight the API may refuse
          const res = await fetchImpl(url, { method: req.method, signal, credentials: 'omit', redirect: 'follow', ...(req.body !== undefined ? { body: req.body } : {}) });
          const headers: Record<string, string> = {};
          res.headers.forEach((v, k) => {
            headers[k.toLowerCase()] = v;
          });
          if (!req.wantBody || req.method === 'HEAD') {
            await res.body?.cancel();
            return { ok: true as const, status: res.status, headers };
          }
          return { ok: true as const, status: res.status, headers, ...(await cappedText(res, req.maxBodyBytes)) };
        });
      } catch (e) {
        if (token.isCancellationRequested) return { ok: false, kind: 'other', message: 'cancelled' };
        const name = e instanceof Error ? e.name : '';
        if (name === 'TimeoutError') return { ok: false, kind: 'timeout', message: `no answer in ${req.timeoutMs} ms` };
        // the browser tells no more than this: the host refused a cross-origin request, or could not be reached
        return { ok: false, kind: 'other', message: `the browser could not fetch it (cross-origin refused, or unreachable): ${e instanceof Error ? e.message : String(e)}` };
      }
    },
  };
}
