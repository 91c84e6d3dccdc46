/**
 * The patterns of the identifiers people write into pages (`data-org`, `data-sphere`, shortcodes). The
 * schemas in common.ts are built from them, and widget code checks attributes with them directly, so a
 * page that checks an identifier bundles a regular expression, not valibot.
 */

/** Organisation identifier: 1–64 lowercase letters, digits and hyphens, no hyphen first or last. */
export const ORGANIZATION_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** A short lowercase key (sphere, category, criterion): a letter, then letters, digits, hyphens (≤ 40). */
export const SLUG_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
