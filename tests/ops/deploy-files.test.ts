/** The shipped production files are well-formed for the Debian tools that read them. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DEPLOY = fileURLToPath(new URL('../../deploy/', import.meta.url));
const PORTAL_SRC = fileURLToPath(new URL('../../packages/portal/src/', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** The production start packages/portal/build.ts writes. */
const BUNDLE = 'packages/portal/dist/cli.js';

function sourcesMentioning(name: string): boolean {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? walk(join(dir, entry.name))
        : entry.name.endsWith('.ts') && !entry.name.includes('.test.')
          ? [join(dir, entry.name)]
          : [],
    );
  return walk(PORTAL_SRC).some((file) => readFileSync(file, 'utf8').includes(`process.env.${name}`));
}

describe('deploy/', () => {
  it('systemd accepts the units (systemd-analyze verify)', () => {
    const units = ['otklik-portal.service', 'otklik-backup.service', 'otklik-backup.timer'].map((u) =>
      join(DEPLOY, 'systemd', u),
    );
    const result = spawnSync('systemd-analyze', ['verify', '--man=no', ...units], { encoding: 'utf8' });
    if (result.error && process.env.CI !== 'true') {
      console.warn(`[otklik] skipping the unit check: ${result.error.message}`);
      return;
    }
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    expect(result.status).toBe(0);
  });

  it('the environment example names only settings the portal reads', () => {
    const names = readFileSync(join(DEPLOY, 'portal.env.example'), 'utf8')
      .split('\n')
      .map((line) => /^#?\s?([A-Z][A-Z0-9_]+)=/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined);
    expect(names).toContain('TRUST_PROXY');
    expect(names.filter((name) => !sourcesMentioning(name))).toEqual([]);
  });

  it("the portal unit's Node flags are accepted by this Node", () => {
    const unit = readFileSync(join(DEPLOY, 'systemd', 'otklik-portal.service'), 'utf8');
    const flags = /^ExecStart=\/usr\/bin\/node (.*?)dist\/cli\.js serve$/m.exec(unit)?.[1];
    expect(flags?.trim().split(/\s+/)).toEqual(['--max-semi-space-size=2', '--v8-pool-size=1']);
    // An unknown flag stops Node before it runs anything ("bad option"), so the unit would not start.
    const result = spawnSync(process.execPath, [...(flags?.trim().split(/\s+/) ?? []), '-e', '0'], {
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // The malloc settings scripts/bench-uploads.ts measures with, too.
    expect(unit).toContain(
      '\nEnvironment=GLIBC_TUNABLES=glibc.malloc.mmap_threshold=65536:glibc.malloc.arena_max=1\n',
    );
  });

  it('the portal unit runs unprivileged with the hardening options', () => {
    const unit = readFileSync(join(DEPLOY, 'systemd', 'otklik-portal.service'), 'utf8');
    for (const line of [
      'User=otklik',
      'NoNewPrivileges=yes',
      'ProtectSystem=strict',
      'PrivateTmp=yes',
      'CapabilityBoundingSet=',
    ]) {
      expect(unit).toContain(`\n${line}\n`);
    }
  });

  it('the units run the bundle `pnpm build` writes, with Node alone (no TypeScript loader)', () => {
    for (const name of ['otklik-portal.service', 'otklik-backup.service']) {
      const unit = readFileSync(join(DEPLOY, 'systemd', name), 'utf8');
      const workingDirectory = /^WorkingDirectory=(.+)$/m.exec(unit)?.[1] ?? '';
      const script =
        /\/usr\/bin\/node (?:--\S+ )*(\S+) /.exec(/^ExecStart=(.+)$/m.exec(unit)?.[1] ?? '')?.[1] ?? '';
      // /opt/otklik is a clone of this repository.
      expect(join(workingDirectory.replace(/^\/opt\/otklik\//, ''), script), name).toBe(BUNDLE);
      expect(unit, name).not.toContain('tsx');
    }
    expect(existsSync(join(REPO, BUNDLE)), `${BUNDLE}: run \`pnpm build\``).toBe(true);
  });
});
