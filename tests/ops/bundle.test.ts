/**
 * The production start — plain Node on the bundle `pnpm build` writes (packages/portal/dist/cli.js,
 * as deploy/systemd runs it) — finds everything the portal reads beside its code: the migrations
 * (readiness requires every one applied), the built widget files and console, and the demo's example
 * site; and its operator commands reach the running portal through its control socket.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './harness/nginx.ts';

const CLI = fileURLToPath(new URL('../../packages/portal/dist/cli.js', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'otklik-bundle-'));
const running = new Set<ChildProcess>();
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

/** `node dist/cli.js …` on the PGlite directory `dataDir`, with `env` added. */
function cli(args: string[], dataDir: string, env: Record<string, string> = {}) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm build\` first`);
  const child = spawn(process.execPath, [CLI, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      PUBLIC_URL: '',
      OTKLIK_DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve({ code, stdout, stderr });
    }),
  );
  return { child, exited, stderr: () => stderr };
}

/** Polls `url` until it answers 200; fails with the process's output if it exits first. */
async function until200(url: string, run: ReturnType<typeof cli>): Promise<void> {
  for (;;) {
    if (run.child.exitCode !== null) throw new Error(`exited ${run.child.exitCode}: ${run.stderr()}`);
    const status = await fetch(url).then(
      (res) => res.arrayBuffer().then(() => res.status),
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function get(url: string): Promise<{ status: number; type: string | null; body: string }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

describe('the bundled portal (node dist/cli.js)', () => {
  it('serve: migrations applied, the widget files and the console served, backup through the running portal', async () => {
    const dataDir = join(root, 'serve');
    const port = await freePort();
    const portal = cli(['serve'], dataDir, { PORT: String(port) });
    const base = `http://127.0.0.1:${port}`;
    await until200(`${base}/health/ready`, portal);

    const loader = await get(`${base}/otklik.js`);
    expect(loader.status).toBe(200);
    expect(loader.body).toBe(readFileSync(join(DIST, 'widgets/otklik.js'), 'utf8'));
    const consolePage = await get(`${base}/console`);
    expect(consolePage.status).toBe(200);
    expect(consolePage.type).toMatch(/^text\/html/);
    // The built page, telling this browser (no cookie) that it is signed out.
    expect(consolePage.body).toBe(
      readFileSync(join(DIST, 'console/index.html'), 'utf8').replace(
        '</head>',
        '<meta name="otklik-session" content="signed-out">\n</head>',
      ),
    );
    expect((await get(`${base}/v1/docs`)).status).toBe(200);

    const to = join(root, 'backup');
    const backup = await cli(['backup', '--to', to], dataDir).exited;
    expect(backup.stderr).toContain('asking it to write the backup');
    expect(backup.code).toBe(0);
    expect(JSON.parse(readFileSync(join(to, 'manifest.json'), 'utf8'))).toMatchObject({ kind: 'pglite' });

    portal.child.kill('SIGTERM');
    expect((await portal.exited).code).toBe(0);
  }, 120_000);

  it('demo: the example site served beside the portal, its pages naming this portal; Demo ID', async () => {
    const [port, sitePort, mailboxPort, oidcPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const demo = cli(['demo'], join(root, 'demo'), {
      PORT: String(port),
      SITE_PORT: String(sitePort),
      MAILBOX_PORT: String(mailboxPort),
      OIDC_PORT: String(oidcPort),
    });
    await until200(`http://127.0.0.1:${port}/health/ready`, demo);
    await until200(`http://127.0.0.1:${sitePort}/`, demo);

    const page = await get(`http://127.0.0.1:${sitePort}/`);
    expect(page.type).toMatch(/^text\/html/);
    // The demo's public URL (PUBLIC_URL unset): http://localhost:PORT.
    expect(page.body).toContain(`http://localhost:${port}/otklik.js`);
    expect((await get(`http://127.0.0.1:${sitePort}/site.css`)).status).toBe(200);
    expect((await get(`http://127.0.0.1:${port}/demo/mailbox`)).status).toBe(200);
    // Demo ID: oidc-provider, loaded from node_modules by the bundle.
    const discovery = await get(`http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);

    demo.child.kill('SIGTERM');
    expect((await demo.exited).code).toBe(0);
  }, 120_000);
});
