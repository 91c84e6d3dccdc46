/**
 * The files the portal reads beside its code, all resolved here from one place. This module sits one
 * level below the package (src/paths.ts), and the production bundle that inlines it does too
 * (dist/*.js, see build.ts): `..` is packages/portal from both, so the same URLs work from the
 * TypeScript sources and from the bundle.
 */
import { fileURLToPath } from 'node:url';

const PORTAL_DIR = new URL('..', import.meta.url);

/** The numbered SQL migrations (migrations/index.ts reads them at start). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('src/migrations/', PORTAL_DIR));
/** `<repo root>/dist/widgets`, where the widget build writes the loader and its chunks. */
export const DEFAULT_WIDGETS_DIR = fileURLToPath(new URL('../../dist/widgets', PORTAL_DIR));
/** `<repo root>/dist/console`, where scripts/build-console.ts writes the console. */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('../../dist/console', PORTAL_DIR));
/** `<repo root>/examples/site`: the demo's "school site". */
export const EXAMPLE_SITE_DIR = fileURLToPath(new URL('../../examples/site', PORTAL_DIR));
