/**
 * Which addresses a link check may connect to. Pure: the Node adapter calls it on every address
 * DNS returns, at connect time, so a public name that resolves to 127.0.0.1 is refused as well.
 * Only numeric forms matter here: the WHATWG URL parser already turns `http://2130706433/` and
 * `http://0x7f.1/` into `127.0.0.1`, and names go through DNS.
 */

export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'unique-local'
  | 'metadata'
  | 'multicast'
  | 'reserved'
  | 'invalid';

/** Parses a dotted-quad IPv4 address (the only form resolvers return) into 4 bytes. */
export function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return bytes;
}

/** Parses an IPv6 address (with `::`, an embedded dotted quad, an optional zone and brackets) into 16 bytes. */
export function parseIPv6(input: string): number[] | undefined {
  let text = input.startsWith('[') && input.endsWith(']') ? input.slice(1, -1) : input;
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (!text.includes(':')) return undefined;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIPv4(last);
    if (!v4) return undefined;
    tail = v4;
    text = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parseGroups(halves[0] ?? '');
  const rest = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (!head || !rest) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const fill = 8 - head.length - rest.length;
    if (fill < 1) return undefined;
    groups = [...head, ...new Array<number>(fill).fill(0), ...rest];
  } else {
    groups = head;
  }
  if (groups.length !== 8) return undefined;
  const bytes = groups.flatMap((g) => [g >> 8, g & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

function inV4(b: number[], net: [number, number, number, number], bits: number): boolean {
  for (let i = 0; i < 4; i++) {
    const take = Math.max(0, Math.min(8, bits - i * 8));
    if (take === 0) return true;
    const mask = (0xff << (8 - take)) & 0xff;
    if (((b[i] ?? 0) & mask) !== (net[i]! & mask)) return false;
  }
  return true;
}

function classifyV4(b: number[]): AddressClass {
  if (b[0] === 169 && b[1] === 254 && b[2] === 169 && b[3] === 254) return 'metadata';
  if (inV4(b, [0, 0, 0, 0], 8)) return 'unspecified';
  if (inV4(b, [127, 0, 0, 0], 8)) return 'loopback';
  if (inV4(b, [10, 0, 0, 0], 8) || inV4(b, [172, 16, 0, 0], 12) || inV4(b, [192, 168, 0, 0], 16)) return 'private';
  if (inV4(b, [169, 254, 0, 0], 16)) return 'link-local';
  if (inV4(b, [100, 64, 0, 0], 10)) return 'cgnat';
  if (inV4(b, [224, 0, 0, 0], 4)) return 'multicast';
  if (
    inV4(b, [192, 0, 0, 0], 24) || // IETF protocol assignments
    inV4(b, [192, 0, 2, 0], 24) ||
    inV4(b, [198, 51, 100, 0], 24) ||
    inV4(b, [203, 0, 113, 0], 24) || // documentation
    inV4(b, [198, 18, 0, 0], 15) || // benchmarking
    inV4(b, [240, 0, 0, 0], 4) // reserved and broadcast
  ) {
    return 'reserved';
  }
  return 'public';
}

function startsWith(b: number[], prefix: number[]): boolean {
  return prefix.every((v, i) => b[i] === v);
}

function classifyV6(b: number[]): AddressClass {
  const zeros10 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const v4 = b.slice(12);
  if (b.every((x) => x === 0)) return 'unspecified';
  if (b.slice(0, 15).every((x) => x === 0) && b[15] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the IPv4 address.
  if (startsWith(b, [...zeros10, 0xff, 0xff])) return classifyV4(v4);
  if (startsWith(b, [...zeros10, 0, 0])) return classifyV4(v4);
  // IPv4-translated (::ffff:0:a.b.c.d, RFC 6145) reaches the IPv4 address too.
  if (startsWith(b, [0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0])) return classifyV4(v4);
  // Local-use NAT64 (64:ff9b:1::/48, RFC 8215): a translator on the local network, which may put the
  // IPv4 address anywhere after the prefix, so nothing in it is public.
  if (startsWith(b, [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01])) return 'reserved';
  // Teredo (2001::/32): a tunnel whose server and client addresses are IPv4 addresses in disguise.
  if (startsWith(b, [0x20, 0x01, 0x00, 0x00])) return 'reserved';
  if (startsWith(b, [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0])) return classifyV4(v4);
  // 6to4 (2002:AABB:CCDD::) embeds the IPv4 address in bits 16-47.
  if (b[0] === 0x20 && b[1] === 0x02) return classifyV4(b.slice(2, 6));
  if (startsWith(b, [0xfd, 0x00, 0x0e, 0xc2]) && b.slice(4, 14).every((x) => x === 0) && b[14] === 0x02 && b[15] === 0x54) {
    return 'metadata'; // fd00:ec2::254 (AWS IMDS over IPv6)
  }
  const b0 = b[0] ?? 0;
  const b1 = b[1] ?? 0;
  if ((b0 & 0xfe) === 0xfc) return 'unique-local';
  if (b0 === 0xfe && (b1 & 0xc0) === 0x80) return 'link-local';
  if (b0 === 0xfe && (b1 & 0xc0) === 0xc0) return 'private'; // deprecated site-local
  if (b0 === 0xff) return 'multicast';
  if (b0 === 0x20 && b1 === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return 'reserved'; // documentation
  if (b0 === 0x01 && b1 === 0x00 && b.slice(2, 8).every((x) => x === 0)) return 'reserved'; // discard-only
  return 'public';
}

/** Classifies a numeric address (IPv4 dotted quad or IPv6, brackets allowed). */
export function classifyAddress(address: string): AddressClass {
  const v4 = parseIPv4(address);
  if (v4) return classifyV4(v4);
  const v6 = parseIPv6(address);
  if (v6) return classifyV6(v6);
  return 'invalid';
}

/** True for every address a link check must not reach unless private hosts are allowed. */
export function isBlockedAddress(address: string): boolean {
  return classifyAddress(address) !== 'public';
}

/** True when the text is a numeric address rather than a name. */
export function isIpLiteral(host: string): boolean {
  return parseIPv4(host) !== undefined || parseIPv6(host) !== undefined;
}

const METADATA_NAMES = new Set([
  'metadata.google.internal',
  'metadata.goog',
  'metadata',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.azure.internal',
  'metadata.platformequinix.com',
]);

/**
 * Names refused before any DNS query: cloud metadata services (which may resolve to public-looking
 * addresses on some providers) and `localhost`, which never leaves the machine.
 */
export function isBlockedHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  if (METADATA_NAMES.has(h)) return true;
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIpLiteral(h)) return isBlockedAddress(h);
  return false;
}
