/**
 * The live check of a site page: the portal fetches the page itself (never following the address to
 * a private network) and says what the page still needs for the widgets to work.
 */
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import type { OriginCheckAdvice, OriginCheckItem, OriginCheckReport } from '@otklik/client/schemas';
import { fieldRefusal, ProblemError } from '../http/problem.ts';

export interface SiteCheckOptions {
  /**
   * Lets the check fetch pages on private, loopback and link-local addresses (an intranet portal,
   * tests). Off by default: staff could otherwise make the portal probe its own network.
   */
  allowPrivateNetworks?: boolean;
  /** Give up on the page after this long (default 8 s). */
  timeoutMs?: number;
}

/** Networks the check never fetches from unless allowed: private, loopback, link-local and the like. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

/** Whether an address is in a private, loopback, link-local, reserved or multicast network. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[1]) return PRIVATE.check(mapped[1], 'ipv4');
    return PRIVATE.check(address, 'ipv6');
  }
  return true;
}

const refuse = (reason: 'host-not-found' | 'address-not-public' | 'too-many-redirects', message: string) =>
  fieldRefusal(reason, 'body.pageUrl', message, 'Invalid body');

/** Resolves the host once and returns the address to connect to, refusing private ones. */
async function resolveSafely(url: URL, allowPrivate: boolean): Promise<{ address: string; family: number }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw refuse('host-not-found', `The name ${host} does not resolve`);
    }
  }
  if (!allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) {
    throw refuse(
      'address-not-public',
      'The address is in a private, loopback or link-local network; the portal does not fetch it',
    );
  }
  const first = addresses[0];
  if (!first) throw refuse('host-not-found', `The name ${host} does not resolve`);
  return first;
}

interface Fetched {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const MAX_BODY = 2 * 1024 * 1024;

/** One GET, connected to the checked address (no second DNS answer can redirect it). */
function get(url: URL, target: { address: string; family: number }, timeoutMs: number): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(
      url,
      {
        method: 'GET',
        headers: { Accept: 'text/html', 'User-Agent': 'Otklik site check' },
        lookup: (_host, options, callback) => {
          if ((options as { all?: boolean }).all) {
            (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
              target,
            ]);
          } else {
            callback(null, target.address, target.family);
          }
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) {
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('close', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** Fetches the page, following up to 3 redirects, each target checked again. */
async function fetchPage(pageUrl: URL, options: SiteCheckOptions): Promise<Fetched & { url: URL }> {
  let url = pageUrl;
  for (let hop = 0; hop <= 3; hop++) {
    const target = await resolveSafely(url, options.allowPrivateNetworks === true);
    const page = await get(url, target, options.timeoutMs ?? 8000);
    const location = page.headers.location;
    if (page.status >= 300 && page.status < 400 && location) {
      const next = new URL(location, url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') return { ...page, url };
      url = next;
      continue;
    }
    return { ...page, url };
  }
  throw refuse('too-many-redirects', 'The page redirects too many times');
}

/** The sources a CSP directive allows, with `default-src` standing in for a missing one. */
function cspAllows(policy: string, directive: string, portalOrigin: string, pageOrigin: string): boolean {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), values);
  }
  const sources = directives.get(directive) ?? directives.get('default-src');
  if (sources === undefined) return true;
  const portal = new URL(portalOrigin);
  return sources.some((source) => {
    const s = source.toLowerCase();
    if (s === '*') return portal.protocol === 'https:' || portal.protocol === 'http:';
    if (s === "'self'") return portalOrigin === pageOrigin;
    if (s === 'https:' || s === 'http:') return portal.protocol === s;
    if (s.startsWith("'")) return false;
    try {
      const withScheme = s.includes('://') ? s : `${portal.protocol}//${s}`;
      const allowed = new URL(withScheme.replace('*.', 'wildcard.'));
      if (allowed.protocol !== portal.protocol) return false;
      if (allowed.port !== portal.port && allowed.port !== '') return false;
      if (s.includes('*.')) return portal.hostname.endsWith(allowed.hostname.replace(/^wildcard/, ''));
      return allowed.hostname === portal.hostname;
    } catch {
      return false;
    }
  });
}

const ok = (id: OriginCheckItem['id']): OriginCheckItem => ({
  id,
  status: 'ok',
  advice: null,
  code: null,
  hint: null,
});

/** A point the site must fix: the advice for clients' words, the text to add, and English for API users. */
const missing = (
  id: OriginCheckItem['id'],
  advice: OriginCheckAdvice,
  code: string | null,
  hint: string,
): OriginCheckItem => ({ id, status: 'missing', advice, code, hint });

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Checks a page of the organisation's site: its origin allowed, the page reachable, the loader script
 * of this portal, a mount `<div data-otklik=…>`, and a Content-Security-Policy that lets the portal in.
 * Throws 422 on `body.pageUrl` for an address it will not fetch.
 */
export async function checkSite(
  pageUrl: string,
  allowedOrigins: readonly string[],
  portalOrigin: string,
  options: SiteCheckOptions = {},
): Promise<OriginCheckReport> {
  const url = new URL(pageUrl);
  const origin = url.origin;
  const items: OriginCheckItem[] = [];
  const allowed = allowedOrigins.includes(origin);
  items.push(
    allowed
      ? ok('origin-allowed')
      : missing('origin-allowed', 'add-origin', origin, `Add ${origin} to the allowed origins`),
  );
  let page: (Fetched & { url: URL }) | null = null;
  let failure: string | null = null;
  try {
    page = await fetchPage(url, options);
  } catch (error) {
    if (error instanceof ProblemError) throw error;
    failure = error instanceof Error ? error.message : String(error);
  }
  if (page === null || page.status < 200 || page.status >= 300) {
    items.push(
      page !== null
        ? missing('page-reachable', 'page-http-status', null, `The page answered HTTP ${page.status}`)
        : missing(
            'page-reachable',
            failure === 'timeout' ? 'page-timeout' : 'page-not-loaded',
            null,
            `The page could not be loaded (${failure ?? 'no answer'})`,
          ),
    );
    for (const id of ['loader-script', 'mount-div', 'csp'] as const) {
      items.push({ id, status: 'unknown', advice: null, code: null, hint: null });
    }
    return { pageUrl, origin, ready: false, httpStatus: page?.status ?? null, items };
  }
  items.push(ok('page-reachable'));
  const html = page.body;
  const loader = new RegExp(
    `<script\\b[^>]*\\bsrc=["']?${escapeRegExp(portalOrigin)}/otklik\\.js(?:[?#][^"'\\s>]*)?["'\\s>]`,
    'i',
  );
  const hasLoader = loader.test(html);
  const script = `<script src="${portalOrigin}/otklik.js" defer></script>`;
  items.push(
    hasLoader
      ? ok('loader-script')
      : missing('loader-script', 'add-loader-script', script, `Add ${script} to the page`),
  );
  const hasMount = /<div\b[^>]*\bdata-otklik=["']?[a-z]/i.test(html);
  const mount = '<div data-otklik="…" data-org="…"></div>';
  items.push(
    hasMount
      ? ok('mount-div')
      : missing('mount-div', 'add-mount-div', mount, `Add the widget’s ${mount} where it should appear`),
  );
  const header = page.headers['content-security-policy'];
  const policies = (Array.isArray(header) ? header : header ? [header] : []).concat(
    Array.from(
      html.matchAll(
        /<meta\b[^>]*http-equiv=["']?content-security-policy["']?[^>]*content=["']([^"']*)["']/gi,
      ),
      (m) => m[1] ?? '',
    ),
  );
  const pageOrigin = page.url.origin;
  const blocked = ['script-src', 'connect-src'].filter(
    (directive) => !policies.every((policy) => cspAllows(policy, directive, portalOrigin, pageOrigin)),
  );
  items.push(
    blocked.length === 0
      ? ok('csp')
      : missing(
          'csp',
          'allow-portal-in-csp',
          blocked.map((directive) => `${directive} ${portalOrigin}`).join('; '),
          `Add ${portalOrigin} to the Content-Security-Policy directives ${blocked.join(', ')}`,
        ),
  );
  return {
    pageUrl,
    origin,
    ready: items.every((item) => item.status === 'ok'),
    httpStatus: page.status,
    items,
  };
}
