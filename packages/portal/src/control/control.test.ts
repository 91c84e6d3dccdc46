import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log.ts';
import { createKeyRing } from '../security/keys.ts';
import { type Portal, startPortal } from '../server.ts';
import { runPortalCli } from '../testing/cli.ts';
import { queuedMail } from '../testing/outbox.ts';
import { controlSocketPath } from './socket.ts';

const root = mkdtempSync(join(tmpdir(), 'otklik-control-'));
const dataDir = join(root, 'data');

const runCli = (args: string[], dir = dataDir) => runPortalCli({ kind: 'pglite', dataDir: dir }, args);

describe('operator commands while the portal runs on PGlite', () => {
  let portal: Portal;
  beforeAll(async () => {
    portal = await startPortal({
      database: { kind: 'pglite', dataDir },
      port: 0,
      seed: 'demo',
      logger: createLogger('silent'),
      // As the demo: the address people use, not the one it listens on.
      publicUrl: 'http://localhost:8787/',
    });
  }, 60_000);
  afterAll(async () => {
    await portal?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('creates an API key through the running portal, with the `--` pnpm 12 passes on', async () => {
    const { code, stdout, stderr } = await runCli(['create-api-key', '--', '--org', 'demo-school']);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('asking it to run create-api-key');
    const key = stdout.trim();
    expect(key).toMatch(/^otk_[A-Za-z0-9_-]{43}$/);
    const queue = await fetch(`${portal.url}/v1/staff/appeals`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(queue.status).toBe(200);
  }, 60_000);

  it('reports a refused command and exits with 1', async () => {
    const { code, stdout, stderr } = await runCli(['create-api-key', '--org', 'no-such-org']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('No organisation with id no-such-org');
  }, 60_000);

  it('creates the first portal administrator through the running portal, who then signs in', async () => {
    const { code, stdout, stderr } = await runPortalCli(
      { kind: 'pglite', dataDir },
      ['create-portal-admin', '--email', 'Head@Region.example', '--name', 'Региональный администратор'],
      { PUBLIC_URL: 'https://elsewhere.example', PORT: '9999' },
    );
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('head@region.example is a portal administrator.');
    // The running portal's PUBLIC_URL, whatever the shell's environment says.
    expect(stdout).toContain('Sign in: http://localhost:8787/console/sign-in with this address;');
    const started = await fetch(`${portal.url}/v1/staff/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'head@region.example' }),
    });
    expect(started.status).toBe(202);
    const { signInId } = (await started.json()) as { signInId: string };
    // The key ring the portal uses (OTKLIK_SECRET, or the key kept in the database).
    const mail = await queuedMail<{ code: string }>(
      portal.db,
      createKeyRing(portal.db),
      'staff-sign-in-code',
      'head@region.example',
    );
    const signedIn = await fetch(`${portal.url}/v1/staff/sign-in/${signInId}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: mail?.code }),
    });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({
      portalAdministrator: true,
      person: { email: 'head@region.example', displayName: 'Региональный администратор' },
    });
  }, 60_000);

  it('keeps the socket to the directory owner', () => {
    expect(statSync(controlSocketPath(dataDir)).mode & 0o777).toBe(0o600);
  });
});

describe('operator commands without a running portal', () => {
  const idle = join(mkdtempSync(join(tmpdir(), 'otklik-control-idle-')), 'data');
  afterAll(() => rmSync(join(idle, '..'), { recursive: true, force: true }));
  it('creates a portal administrator in the PGlite directory itself, idempotently', async () => {
    // Where a portal started from this environment is reached: the demo's default address, or PUBLIC_URL.
    const runs = [
      [{}, 'http://localhost:8787/console/sign-in'],
      [{ PUBLIC_URL: 'https://region.example/otklik/' }, 'https://region.example/otklik/console/sign-in'],
    ] as const;
    for (const [env, signInUrl] of runs) {
      const { code, stdout, stderr } = await runPortalCli(
        { kind: 'pglite', dataDir: idle },
        ['create-portal-admin', '--email', 'first@region.example'],
        env,
      );
      expect(code, stderr).toBe(0);
      expect(stderr).not.toContain('asking it');
      expect(stdout).toContain('first@region.example is a portal administrator.');
      expect(stdout).toContain(`Sign in: ${signInUrl} with this address;`);
    }
    const { code, stderr } = await runCli(['create-portal-admin', '--email', 'not an address'], idle);
    expect(code).toBe(1);
    expect(stderr).toContain('Not an e-mail address');
  }, 120_000);
});
