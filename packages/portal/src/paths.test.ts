import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONSOLE_DIR, DEFAULT_WIDGETS_DIR, EXAMPLE_SITE_DIR, MIGRATIONS_DIR } from './paths.ts';

// From the bundle (dist/cli.js) the same paths are checked by tests/ops/bundle.test.ts.
describe('the paths the portal reads beside its code, from the sources', () => {
  it('finds the migrations and the example site', () => {
    expect(readdirSync(MIGRATIONS_DIR)).toContain('0001_initial.sql');
    expect(existsSync(join(EXAMPLE_SITE_DIR, 'index.html'))).toBe(true);
  });

  it('names the widget and console build directories of the repository', () => {
    const repo = join(MIGRATIONS_DIR, '../../../..');
    expect(DEFAULT_WIDGETS_DIR).toBe(join(repo, 'dist/widgets'));
    expect(DEFAULT_CONSOLE_DIR).toBe(join(repo, 'dist/console'));
    expect(existsSync(join(repo, 'packages/portal/src/paths.ts'))).toBe(true);
  });
});
