/**
 * Runs the shipped site file `deploy/nginx/otklik.conf` in a real nginx from Debian, as an ordinary
 * process with its own prefix in a temporary directory: the site is the very file an administrator
 * installs, with only its host-specific parts put in place (the certificate, the cache directory, the
 * ports and the upstream instances). As root (CI) nginx runs as `nobody`, never as root.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NGINX } from './services.ts';

export const SITE_FILE = fileURLToPath(new URL('../../../deploy/nginx/otklik.conf', import.meta.url));
export const HOST_NAME = 'portal.example.org';

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The uid/gid nginx runs as: the current user, or `nobody` when the tests run as root. */
const runAs = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : null;

function chownTree(path: string, uid: number, gid: number): void {
  chownSync(path, uid, gid);
  if (!statSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) chownTree(join(path, entry), uid, gid);
}

/** The shipped site with this run's certificate, cache directory, ports and upstreams. */
export function siteFor(options: {
  dir: string;
  httpsPort: number;
  httpPort: number;
  upstreams: readonly number[];
}) {
  const { dir } = options;
  const site = readFileSync(SITE_FILE, 'utf8');
  const replace = (text: string, from: string | RegExp, to: string) => {
    const next = text.replace(from, to);
    if (next === text) throw new Error(`The site file no longer contains ${String(from)}`);
    return next;
  };
  let out = site;
  out = replace(out, `/etc/letsencrypt/live/${HOST_NAME}/fullchain.pem`, join(dir, 'cert.pem'));
  out = replace(out, `/etc/letsencrypt/live/${HOST_NAME}/privkey.pem`, join(dir, 'key.pem'));
  out = replace(out, /\/var\/cache\/nginx\//g, `${join(dir, 'cache')}/`);
  out = replace(
    out,
    '    server 127.0.0.1:8787;\n',
    options.upstreams.map((p) => `    server 127.0.0.1:${p};\n`).join(''),
  );
  out = replace(out, /^\s*listen \[::\]:\d+.*\n/gm, '');
  out = replace(out, 'listen 443 ssl http2;', `listen 127.0.0.1:${options.httpsPort} ssl http2;`);
  out = replace(out, 'listen 80;', `listen 127.0.0.1:${options.httpPort};`);
  out = replace(out, 'root /var/www/html;', `root ${join(dir, 'www')};`);
  return out;
}

function mainConfig(dir: string, workers: number | 'auto'): string {
  return `daemon off;
master_process on;
worker_processes ${workers};
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  client_body_temp_path ${join(dir, 'tmp', 'body')};
  proxy_temp_path ${join(dir, 'tmp', 'proxy')};
  fastcgi_temp_path ${join(dir, 'tmp', 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'tmp', 'uwsgi')};
  scgi_temp_path ${join(dir, 'tmp', 'scgi')};
  include ${join(dir, 'otklik.conf')};
}
`;
}

export interface Nginx {
  readonly httpsUrl: string;
  readonly httpUrl: string;
  readonly cert: string;
  /** `nginx -t` on this configuration: exit code and output. */
  check(): { ok: boolean; output: string };
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Writes the configuration (and a self-signed certificate for portal.example.org) into a new prefix. */
export async function prepareNginx(
  upstreams: readonly number[],
  options: { workers?: number | 'auto' } = {},
): Promise<Nginx> {
  const dir = mkdtempSync(join(tmpdir(), 'otklik-nginx-'));
  for (const sub of ['cache', 'tmp', 'www', 'logs']) mkdirSync(join(dir, sub));
  execFileSync(
    '/usr/bin/openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${HOST_NAME}`,
      '-addext',
      `subjectAltName=DNS:${HOST_NAME}`,
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const httpsPort = await freePort();
  const httpPort = await freePort();
  writeFileSync(join(dir, 'otklik.conf'), siteFor({ dir, httpsPort, httpPort, upstreams }));
  writeFileSync(join(dir, 'nginx.conf'), mainConfig(dir, options.workers ?? 1));
  if (runAs) chownTree(dir, runAs.uid, runAs.gid);
  const args = ['-p', dir, '-c', join(dir, 'nginx.conf')];
  const spawnOptions = runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
  let child: ChildProcess | null = null;
  const httpsUrl = `https://${HOST_NAME}:${httpsPort}`;
  return {
    httpsUrl,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    check() {
      const result = spawnSync(NGINX, ['-t', ...args], { ...spawnOptions, encoding: 'utf8' });
      return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
    },
    async start() {
      const started = spawn(NGINX, args, { ...spawnOptions, stdio: ['ignore', 'ignore', 'pipe'] });
      child = started;
      let stderr = '';
      started.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const deadline = Date.now() + 10_000;
      for (;;) {
        if (started.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
        const up = await new Promise<boolean>((resolve) => {
          const req = httpRequest({ host: '127.0.0.1', port: httpPort, path: '/', timeout: 500 }, (res) => {
            res.resume();
            resolve(true);
          });
          req.on('error', () => resolve(false));
          req.on('timeout', () => req.destroy());
          req.end();
        });
        if (up) return;
        if (Date.now() > deadline) throw new Error(`nginx did not start: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      const running = child;
      child = null;
      if (running && running.exitCode === null) {
        await new Promise<void>((resolve) => {
          running.once('exit', () => resolve());
          running.kill('SIGTERM');
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** HTTPS requests to the nginx under test, trusting its certificate and naming its host (SNI). */
export function httpsClient(nginx: Nginx) {
  const url = new URL(nginx.httpsUrl);
  const agent = new HttpsAgent({ keepAlive: true, ca: nginx.cert, servername: HOST_NAME });
  const request = (
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string | Buffer,
  ): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port: Number(url.port),
          method,
          path,
          agent,
          servername: HOST_NAME,
          headers: {
            Host: url.host,
            ...headers,
            ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString(),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { request, close: () => agent.destroy() };
}
