// The one guard for every URL the server fetches on someone's behalf (webhooks today; GTFS-
// Realtime and sensor feeds later): it refuses internal destinations (loopback, private
// networks, link-local and cloud metadata, multicast, ...) after DNS resolution. The same
// check runs inside the connection's own DNS lookup (see outbound-request.ts), so the address
// that was checked is the address connected to: a name that resolves elsewhere the second
// time (DNS rebinding) is refused at that moment.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '../errors.js';

/** Resolves a host name to every address it has (node's dns.lookup with all: true). */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface OutboundPolicy {
  /** Loopback and private networks allowed (development and tests); never link-local or metadata. */
  allowPrivate: boolean;
  resolve: Resolver;
}

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export function outboundPolicy(allowPrivate: boolean, resolve: Resolver = systemResolver): OutboundPolicy {
  return { allowPrivate, resolve };
}

/** A destination the guard refused. Its message names the kind of address, never an answer from it. */
export class OutboundRefused extends AppError {
  constructor(reason: string) {
    super(
      400,
      'url_not_allowed',
      `The URL points to an internal address (${reason}); only public addresses are allowed`,
    );
    this.name = 'OutboundRefused';
  }
}

// Ranges that private mode allows: the machine itself and the organisation's own networks.
const PRIVATE_RANGES = new Set(['loopback', 'private', 'carrierGradeNat', 'uniqueLocal']);

/**
 * Why an address may not be reached, or null when it may. Only global unicast passes in
 * production; IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as the IPv4 address it carries,
 * and the other forms that embed an IPv4 address (NAT64, 6to4, Teredo) are refused outright.
 */
export function refusalOf(address: string, allowPrivate: boolean): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  // process() turns ::ffff:a.b.c.d into a.b.c.d; parse accepts the odd IPv4 spellings (0x7f000001, 0177.0.0.1)
  const range = ipaddr.process(address).range();
  if (range === 'unicast') return null;
  if (allowPrivate && PRIVATE_RANGES.has(range)) return null;
  return range;
}

/** The host name of a URL without IPv6 brackets; the WHATWG URL parser has already normalised
 * odd IPv4 spellings (0x7f000001, 2130706433, 0177.0.0.1, 127.1 all become 127.0.0.1). */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

function parseTarget(raw: string | URL): URL {
  let url: URL;
  try {
    url = typeof raw === 'string' ? new URL(raw) : raw;
  } catch {
    throw new AppError(400, 'invalid_url', 'The URL is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError(400, 'invalid_url', 'The URL must be http or https');
  }
  return url;
}

/** Every address the host has, each checked; throws OutboundRefused when any is internal. */
export async function checkedAddresses(
  policy: OutboundPolicy,
  hostname: string,
): Promise<{ address: string; family: number }[]> {
  // a literal address, in any spelling ipaddr.js reads (the URL parser has normalised most)
  if (isIP(hostname) || ipaddr.isValid(hostname)) {
    const refusal = refusalOf(hostname, policy.allowPrivate);
    if (refusal) throw new OutboundRefused(refusal);
    const address = ipaddr.process(hostname).toString();
    return [{ address, family: isIP(address) }];
  }
  let addresses: { address: string; family: number }[];
  try {
    addresses = await policy.resolve(hostname);
  } catch {
    throw new AppError(400, 'url_unresolvable', `The host name ${hostname} does not resolve`);
  }
  if (addresses.length === 0) throw new AppError(400, 'url_unresolvable', `The host name ${hostname} does not resolve`);
  // one internal address is enough to refuse: the connection could pick any of them
  for (const { address } of addresses) {
    const refusal = refusalOf(address, policy.allowPrivate);
    if (refusal) throw new OutboundRefused(refusal);
  }
  return addresses;
}

/** Checks a URL the way a fetch will reach it: the scheme, then every address of its host. */
export async function checkOutboundUrl(policy: OutboundPolicy, raw: string | URL): Promise<URL> {
  const url = parseTarget(raw);
  await checkedAddresses(policy, hostOf(url));
  return url;
}
