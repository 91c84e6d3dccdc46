import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import type { Portal } from '@otklik/portal';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

export interface SiteServer {
  /** The site's origin, e.g. `http://127.0.0.1:41234`: a different origin from the portal's. */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Serves a folder of example pages as a foreign "school site". The pages name the portal as
 * `http://localhost:8787` (the demo's address); the tests' portal listens elsewhere, so that address is
 * rewritten in HTML as it is served. Extra pages can be added per test through `pages`.
 */
export async function startSiteServer(options: {
  root: string;
  portalUrl: string;
  pages?: Record<string, string>;
  headers?: Record<string, string>;
}): Promise<SiteServer> {
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://site').pathname;
    const name = path === '/' ? '/index.html' : path;
    if (name === '/favicon.ico') return void res.writeHead(204).end();
    try {
      const extra = options.pages?.[name];
      const file = normalize(join(options.root, name));
      if (!extra && !file.startsWith(options.root)) throw new Error('outside the site');
      let body = extra ?? (await readFile(file, 'utf8'));
      if (name.endsWith('.html')) body = body.replaceAll('http://localhost:8787', options.portalUrl);
      res.writeHead(200, {
        'content-type': types[extname(name)] ?? 'application/octet-stream',
        ...options.headers,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The example school site (`examples/site`, plus `pages`) for `portal`, its origin allowed for
 * `organizations` (the widgets there are theirs).
 */
export async function startExampleSite(
  portal: Pick<Portal, 'url' | 'db'>,
  organizations: readonly string[],
  pages: Record<string, string> = {},
): Promise<SiteServer> {
  const root = resolve(import.meta.dirname, '../../examples/site');
  const site = await startSiteServer({ root, portalUrl: portal.url, pages });
  for (const organizationId of organizations)
    await portal.db.query('INSERT INTO organization_origins (organization_id, origin) VALUES ($1, $2)', [
      organizationId,
      site.origin,
    ]);
  return site;
}
