// An HTTP request to a URL someone else chose, through the outbound guard. The host name is
// resolved and checked inside the socket's own lookup, so the connection goes to the address
// that passed the check, not to what a second DNS answer says. Redirects are never followed.
import { request as httpRequest, type IncomingHttpHeaders, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkedAddresses, checkOutboundUrl, hostOf, type OutboundPolicy } from './outbound-guard.js';

export interface OutboundRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs: number;
  /** Bytes of the answer kept; the rest is discarded. Default 0: the status is all the caller needs. */
  maxBodyBytes?: number;
}

export interface OutboundResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | { address: string; family: number }[],
  family?: number,
) => void;

function guardedLookup(policy: OutboundPolicy): LookupFunction {
  return (hostname, options, callback) => {
    const done = callback as unknown as LookupCallback;
    checkedAddresses(policy, hostname).then(
      (addresses) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const matching = family ? addresses.filter((a) => a.family === family) : addresses;
        const usable = matching.length > 0 ? matching : addresses;
        if (options.all) done(null, usable);
        else done(null, usable[0]?.address ?? '', usable[0]?.family);
      },
      (error: NodeJS.ErrnoException) => done(error, ''),
    );
  };
}

/** Sends one request; throws OutboundRefused (400 url_not_allowed) for an internal destination. */
export async function outboundRequest(
  policy: OutboundPolicy,
  rawUrl: string,
  { method, headers, body, timeoutMs, maxBodyBytes = 0 }: OutboundRequest,
): Promise<OutboundResponse> {
  // a literal address never reaches the lookup: check it (and the scheme) first
  const url = await checkOutboundUrl(policy, rawUrl);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const options: RequestOptions = {
    method,
    headers,
    host: hostOf(url),
    port: url.port || undefined,
    path: `${url.pathname}${url.search}`,
    lookup: guardedLookup(policy),
    // a fresh connection each time, so every request passes through the lookup again
    agent: false,
    signal: AbortSignal.timeout(timeoutMs),
  };
  return new Promise<OutboundResponse>((resolve, reject) => {
    const outgoing = send(options, (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      const finish = () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) });
        // the rest of the answer is not wanted: close rather than read an endless body
        response.destroy();
      };
      if (maxBodyBytes === 0) return finish();
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk.subarray(0, maxBodyBytes - kept));
        kept += chunk.length;
        if (kept >= maxBodyBytes) finish();
      });
      response.on('end', finish);
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
