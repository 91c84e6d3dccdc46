/**
 * The staff side of a `describe.each(backends)` suite: the demo database of that backend and a staff
 * harness on it (sign-in, sessions, CSRF), opened before the suite's tests and closed after them.
 */
import { afterAll, beforeAll } from 'vitest';
import type { AppOptions } from '../app.ts';
import type { Database } from '../db/types.ts';
import { staffHarness } from '../people/staff-harness.ts';
import { openDemoDatabase, type TestBackend } from './backends.ts';

export type DemoStaff = ReturnType<typeof staffHarness> & { readonly db: Database };

export interface DemoStaffOptions {
  /** The app's options beyond the harness's own; a function when they need something started first. */
  app?: Partial<AppOptions> | (() => Promise<Partial<AppOptions>>);
  /** The suite's own people, keys and rows, made once the harness is up. */
  setup?: (staff: DemoStaff) => Promise<void>;
}

/**
 * Call inside `describe.each(backends)`; nothing opens on a skipped backend. The harness is made in
 * `beforeAll`, so the returned value stands for it: reading a member before then throws.
 */
export function useDemoStaff(backend: TestBackend, options: DemoStaffOptions = {}): DemoStaff {
  let harness: DemoStaff | null = null;
  let close = async () => {};
  // A stand-in forwarding to the harness once made, so suites write `h.call(…)` and `h.db` as before.
  const staff = new Proxy({} as DemoStaff, {
    get(_, member) {
      if (!harness) throw new Error('the demo staff harness is not open (used outside a test?)');
      return Reflect.get(harness, member);
    },
  });
  beforeAll(async () => {
    if (backend.skipReason) return;
    const demo = await openDemoDatabase(backend);
    close = demo.close;
    const app = typeof options.app === 'function' ? await options.app() : options.app;
    harness = staffHarness(demo.db, app);
    await options.setup?.(staff);
  }, 120_000);
  afterAll(() => close());
  return staff;
}
