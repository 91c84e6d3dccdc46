/**
 * The staff side of a `describe.each(backends)` suite: its database (see demo-database.ts) and a staff
 * harness on it (sign-in, sessions, CSRF), opened before the suite's tests and closed after them.
 */
import type { AppOptions } from '../app.ts';
import type { Database } from '../db/types.ts';
import { staffHarness } from '../people/staff-harness.ts';
import type { TestBackend } from './backends.ts';
import { type DemoDatabaseOptions, useDemoDatabase } from './demo-database.ts';
import { openedLater } from './opened-later.ts';

export type DemoStaff = ReturnType<typeof staffHarness> & { readonly db: Database };

export interface DemoStaffOptions extends Pick<DemoDatabaseOptions, 'empty'> {
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
  const staff = openedLater<DemoStaff>('the demo staff harness');
  useDemoDatabase(backend, {
    empty: options.empty ?? false,
    async setup(db) {
      const app = typeof options.app === 'function' ? await options.app() : options.app;
      staff.open(staffHarness(db, app));
      await options.setup?.(staff.value);
    },
  });
  return staff.value;
}
