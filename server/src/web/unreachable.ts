/**
 * Octokit reports a fetch that never reached the server as a RequestError with status 500 and no
 * response. Say what happened instead (which name, DNS, refused, TLS, offline) and what to try.
 */

/** The first `code` on the error or its causes (undici puts the system error in `cause`). */
function codeOf(err: unknown): string {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) return codeOf(errors[0]);
    e = (e as { cause?: unknown }).cause;
  }
  return '';
}

/** The fetch never got an answer: Octokit's status 500 without a response. */
export function neverReached(err: unknown): boolean {
  const e = err as { status?: number; response?: unknown; name?: string };
  return !!e && typeof e === 'object' && e.status === 500 && !e.response && e.name !== 'AbortError';
}

export function describeUnreachable(err: unknown, apiUrl: string): string {
  let host = apiUrl;
  try {
    host = new URL(apiUrl).host;
  } catch {
    // keep the setting as written
  }
  const message = err instanceof Error ? err.message : String(err);
  const code = codeOf(err);
  const head = 'GitHub was not reached:';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA' || /getaddrinfo/i.test(message)) {
    return `${head} the name ${new URL(`http://${host}`).hostname} could not be resolved (DNS). Are you offline, or behind a DNS filter or captive portal? Check the connection, or diligence.github.apiUrl for GitHub Enterprise.`;
  }
  if (code === 'ECONNREFUSED') return `${head} ${host} refused the connection. Is a firewall or a required proxy in the way, or is diligence.github.apiUrl wrong?`;
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH' || code === 'ENETDOWN') return `${head} no network route to ${host}. Are you offline?`;
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') return `${head} the connection to ${host} was reset. A proxy or firewall may be cutting it; try again.`;
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT') return `${head} ${host} did not answer in time. A slow or filtered network? Try again.`;
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/i.test(code) || /certificate/i.test(message)) {
    return `${head} the TLS certificate of ${host} did not verify (${code || message}). A proxy or captive portal intercepting HTTPS? If your network has its own certificate authority, start VS Code with NODE_EXTRA_CA_CERTS pointing to it.`;
  }
  return `${head} ${message}${code && !message.includes(code) ? ` (${code})` : ''}.`;
}
