// Where provider calls may go. Every request a transport makes (and every redirect hop) must land on one of
// the provider's own origins (scheme, host and port: the gateway's configured base URL; the Graph API and
// Meta's media host), and never on our own network: loopback, private, link-local (cloud metadata),
// shared, reserved and multicast addresses, in any spelling, are refused unless the deployment names that
// exact origin in PROVIDER_PRIVATE_ORIGINS (the local simulator in dev and tests). A Worker cannot resolve
// names, so hosts are judged as written: IP literals by range, and names meant for local networks
// (localhost, *.local, single labels …) refused outright.

/** Meta's CDN for the media URLs the Graph API hands out (`GET /{media-id}` → `{url}`). */
export const META_MEDIA_ORIGIN = 'https://lookaside.fbsbx.com';

export interface Egress {
  /** Origins this provider's calls may reach: nothing else is ever contacted. */
  origins: ReadonlySet<string>;
  /** Loopback/private origins a deployment allows explicitly (exact origins; empty in production). */
  privateOrigins: ReadonlySet<string>;
  /** Named in the warning logged for a refusal. */
  channelId: string | null;
}

/** Why a URL is refused, and its origin (never its path or query: media URLs carry signed tokens). */
export interface Refusal {
  origin: string;
  why: string;
}

export function egressOf(
  origins: readonly string[],
  privateOrigins: readonly string[] = [],
  channelId: string | null = null,
): Egress {
  return { origins: originsOf(origins), privateOrigins: originsOf(privateOrigins), channelId };
}

const originsOf = (urls: readonly string[]) =>
  new Set(urls.map(originOf).filter((o): o is string => o !== null));

/** The canonical origin of a URL (IPv4 spellings normalised by the URL parser), or null when unparsable. */
export function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** The URL to request, parsed and normalised, or why it may not be requested. */
export function checkUrl(
  egress: Egress,
  raw: string,
): { ok: true; url: URL } | { ok: false; refusal: Refusal } {
  const url = parse(raw);
  if (!url) return { ok: false, refusal: { origin: '(unparsable)', why: 'not a valid URL' } };
  const refusal = (why: string) => ({ ok: false as const, refusal: { origin: url.origin, why } });
  const shape = shapeProblem(url);
  if (shape) return refusal(shape);
  if (!egress.origins.has(url.origin)) return refusal("not the provider's own address");
  const host = hostProblem(url.hostname);
  if (host && !egress.privateOrigins.has(url.origin)) return refusal(host);
  return { ok: true, url };
}

/** Why an admin's gateway base URL is not acceptable, or null: the same rule its calls will meet later. */
export function baseUrlProblem(raw: string, privateOrigins: readonly string[]): string | null {
  const origin = originOf(raw);
  if (!origin) return 'not a valid URL';
  const checked = checkUrl(egressOf([origin], privateOrigins), raw);
  return checked.ok ? null : checked.refusal.why;
}

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

function shapeProblem(url: URL): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http(s) URLs';
  if (url.username || url.password) return 'credentials inside the URL';
  return null;
}

/** Names that only mean something on a local network (RFC 6761/6762, ICANN's private-use .internal). */
const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa', '.localdomain', '.lan'];

/** Why a hostname is not a public internet host, or null when it is. Exported for tests and base URLs. */
export function hostProblem(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[')) {
    const v6 = parseIpv6(host.slice(1, -1));
    return v6 ? ipv6Problem(v6) : 'unreadable IPv6 address';
  }
  const v4 = parseDottedIpv4(host);
  if (v4 !== null) return ipv4Problem(v4);
  // The URL parser turns decimal, octal and hex IPv4 spellings into dotted decimal; anything still ending
  // in a number is an address spelling it did not normalise, so it is not trusted either.
  if (/(^|\.)(\d+|0x[0-9a-f]*)$/.test(host)) return 'unusual IP address spelling';
  if (host === 'localhost' || LOCAL_SUFFIXES.some((s) => host.endsWith(s))) return 'local network name';
  if (!host.includes('.')) return 'local network name';
  return null;
}

function parseDottedIpv4(host: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255) || m.slice(1).some((p) => p.length > 1 && p.startsWith('0'))) return null;
  return parts.reduce((acc, p) => acc * 256 + p, 0);
}

const v4 = (a: number, b: number, c: number, d: number) => ((a * 256 + b) * 256 + c) * 256 + d;

/** IPv4 ranges that are not the public internet (RFC 6890 special-purpose registry, the relevant part). */
const IPV4_BLOCKED: [number, number, string][] = [
  [v4(0, 0, 0, 0), 8, 'unspecified address'],
  [v4(10, 0, 0, 0), 8, 'private address'],
  [v4(100, 64, 0, 0), 10, 'shared (carrier-grade NAT) address'],
  [v4(127, 0, 0, 0), 8, 'loopback address'],
  [v4(169, 254, 0, 0), 16, 'link-local address'],
  [v4(172, 16, 0, 0), 12, 'private address'],
  [v4(192, 0, 0, 0), 24, 'reserved address'],
  [v4(192, 0, 2, 0), 24, 'documentation address'],
  [v4(192, 88, 99, 0), 24, 'reserved address'],
  [v4(192, 168, 0, 0), 16, 'private address'],
  [v4(198, 18, 0, 0), 15, 'benchmarking address'],
  [v4(198, 51, 100, 0), 24, 'documentation address'],
  [v4(203, 0, 113, 0), 24, 'documentation address'],
  [v4(224, 0, 0, 0), 4, 'multicast address'],
  [v4(240, 0, 0, 0), 4, 'reserved address'],
];

function ipv4Problem(address: number): string | null {
  for (const [base, bits, why] of IPV4_BLOCKED) {
    const size = 2 ** (32 - bits);
    if (address >= base && address < base + size) return why;
  }
  return null;
}

/** Eight 16-bit groups, or null. Accepts `::` compression and a trailing dotted IPv4 part. */
function parseIpv6(text: string): number[] | null {
  if (text.includes('%')) return null;
  let tail: number[] = [];
  let body = text;
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const n = parseDottedIpv4(dotted[2] ?? '');
    if (n === null) return null;
    tail = [Math.floor(n / 65536), n % 65536];
    body = dotted[1]?.endsWith('::') ? (dotted[1] ?? '') : (dotted[1] ?? '').slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0] ?? '');
  const rest = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return null;
  const zeros = new Array<number>(8 - known).fill(0);
  return [
    ...head.map((g) => Number.parseInt(g, 16)),
    ...zeros,
    ...rest.map((g) => Number.parseInt(g, 16)),
    ...tail,
  ];
}

const embeddedV4 = (hi: number, lo: number) => hi * 65536 + lo;

function ipv6Problem(g: number[]): string | null {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroPrefix = (n: number) => g.slice(0, n).every((x) => x === 0);
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d, which covers :: and ::1) and NAT64
  // (64:ff9b::a.b.c.d) addresses reach the IPv4 address inside: judge that one.
  if (zeroPrefix(5) && g5 === 0xffff) return ipv4Problem(embeddedV4(g6, g7));
  if (zeroPrefix(6)) {
    if (g6 === 0 && g7 === 0) return 'unspecified address';
    if (g6 === 0 && g7 === 1) return 'loopback address';
    return ipv4Problem(embeddedV4(g6, g7));
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return ipv4Problem(embeddedV4(g6, g7));
  if ((g0 & 0xfe00) === 0xfc00) return 'private (unique local) address';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local address';
  if ((g0 & 0xffc0) === 0xfec0) return 'site-local address';
  if ((g0 & 0xff00) === 0xff00) return 'multicast address';
  // Only global unicast (2000::/3) is the public internet; within it, 6to4 carries an IPv4 address and a
  // few blocks are documentation, tunnelling or benchmarking space.
  if ((g0 & 0xe000) !== 0x2000) return 'reserved address';
  if (g0 === 0x2002) return ipv4Problem(embeddedV4(g1, g2));
  if (g0 === 0x2001) {
    const teredo = g1 === 0;
    const special =
      g1 === 0xdb8 || (g1 === 2 && g2 === 0) || (g1 & 0xfff0) === 0x10 || (g1 & 0xfff0) === 0x20;
    if (teredo || special) return 'reserved address';
  }
  if (g0 === 0x3fff && (g1 & 0xf000) === 0) return 'documentation address';
  return null;
}
