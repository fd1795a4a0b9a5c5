/** Base64 (as the GitHub API sends file contents, wrapped in lines) → UTF-8 text, with web-standard APIs only: Node and browsers alike. */
export function base64ToUtf8(base64: string): string {
  // like Node's Buffer: line breaks, spaces and stray characters are skipped, padding is optional
  const clean = base64.replace(/[^A-Za-z0-9+/]/g, '');
  const binary = atob(clean.length % 4 === 1 ? clean.slice(0, -1) : clean.padEnd(Math.ceil(clean.length / 4) * 4, '='));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}
