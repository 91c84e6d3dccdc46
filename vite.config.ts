/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

/**
 * Root Vite config: the JSX settings every package shares and the test projects.
 * The widget bundles are built by scripts/build-widgets.ts (see widgetBuildConfig there).
 */
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: [
            'packages/{client,portal}/src/**/*.test.ts',
            'tests/integration/**/*.test.ts',
            'tests/plugins/**/*.test.ts',
            'tests/i18n/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          typecheck: { enabled: true, include: ['packages/*/src/**/*.test-d.ts'] },
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: ['packages/{widget-*,console}/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['packages/console/src/testing/dom-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The operations scripts: real nginx, PostgreSQL, Redis and SMTP; processes killed and
          // restarted. One file at a time (they start several servers each); each prints its figures.
          name: 'ops',
          include: ['tests/ops/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // expect.poll waits for what a page shows after its scripts ran (a widget rendered, a
          // screen loaded); 1 s, vitest's default, is a race on a loaded machine, not a budget.
          expect: { poll: { timeout: 10_000 } },
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
