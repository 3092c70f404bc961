// The outbound guard: every spelling of an internal address is refused in production mode,
// public addresses pass, and a request connects to the address the check approved.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutboundUrl, OutboundRefused, outboundPolicy, type Resolver, refusalOf } from './outbound-guard.js';
import { outboundRequest } from './outbound-request.js';

const production = outboundPolicy(false);
const development = outboundPolicy(true);

const INTERNAL_URLS = [
  'http://127.0.0.1/',
  'http://localhost:5432/',
  'http://[::1]/',
  'http://0x7f000001/',
  'http://2130706433/',
  'http://0177.0.0.1/',
  'http://127.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://10.0.0.1/',
  'http://172.16.5.4/',
  'http://192.168.1.1/',
  'http://100.64.0.1/',
  'http://0.0.0.0/',
  'http://224.0.0.1/',
  'http://255.255.255.255/',
  'http://[fd00:ec2::254]/',
  'http://[fc00::1]/',
  'http://[fe80::1]/',
  'http://[::]/',
  'http://[ff02::1]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:169.254.169.254]/',
  'http://[::ffff:10.0.0.1]/',
  'http://[64:ff9b::7f00:1]/',
];

describe('the outbound guard', () => {
  it.each(INTERNAL_URLS)('refuses %s in production', async (url) => {
    await expect(checkOutboundUrl(production, url)).rejects.toBeInstanceOf(OutboundRefused);
  });

  it('lets public addresses through', async () => {
    for (const url of ['http://93.184.215.14/hook', 'https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/x']) {
      await expect(checkOutboundUrl(production, url)).resolves.toBeInstanceOf(URL);
    }
  });

  it('judges a host name by every address it resolves to', async () => {
    const mixed: Resolver = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.1.2.3', family: 4 },
    ];
    await expect(checkOutboundUrl(outboundPolicy(false, mixed), 'https://hooks.example/x')).rejects.toMatchObject({
      code: 'url_not_allowed',
      status: 400,
    });
  });

  it('allows loopback and private networks in development, but never link-local or metadata', () => {
    expect(refusalOf('127.0.0.1', true)).toBeNull();
    expect(refusalOf('10.0.0.1', true)).toBeNull();
    expect(refusalOf('169.254.169.254', true)).toBe('linkLocal');
    expect(refusalOf('::ffff:169.254.169.254', true)).toBe('linkLocal');
    expect(refusalOf('0.0.0.0', true)).toBe('unspecified');
    expect(refusalOf('127.0.0.1', false)).toBe('loopback');
  });

  it('refuses schemes other than http and https', async () => {
    await expect(checkOutboundUrl(development, 'file:///etc/passwd')).rejects.toMatchObject({ code: 'invalid_url' });
  });
});

describe('a guarded request', () => {
  let server: Server;
  let port: number;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((_request, response) => {
      hits += 1;
      response.end('secret internal answer');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('connects to the address its own lookup checked', async () => {
    const local: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const response = await outboundRequest(outboundPolicy(true, local), `http://hooks.example:${port}/x`, {
      method: 'GET',
      timeoutMs: 2000,
      maxBodyBytes: 100,
    });
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('secret internal answer');
  });

  it('refuses a name that resolves to an internal address at connection time (DNS rebinding)', async () => {
    let calls = 0;
    // public when checked first, loopback afterwards: the connection's own lookup must refuse it
    const rebinding: Resolver = async () => {
      calls += 1;
      return [{ address: calls === 1 ? '93.184.215.14' : '127.0.0.1', family: 4 }];
    };
    const before = hits;
    await expect(
      outboundRequest(outboundPolicy(false, rebinding), `http://rebind.example:${port}/x`, {
        method: 'GET',
        timeoutMs: 2000,
      }),
    ).rejects.toBeInstanceOf(OutboundRefused);
    expect(calls).toBe(2);
    expect(hits).toBe(before);
  });
});
