import * as v from 'valibot';
import { ORGANIZATION_ID_PATTERN, SLUG_PATTERN } from './patterns.ts';
import { isCalendarDate } from './text.ts';

/**
 * Organisation identifier: a lowercase slug, safe in a `data-org` attribute, a URL path and a
 * Joomla shortcode without quoting (letters, digits, hyphens; 1–64 characters).
 */
export const OrganizationId = v.pipe(
  v.string(),
  v.regex(ORGANIZATION_ID_PATTERN, 'Use 1–64 lowercase letters, digits and hyphens'),
);
export type OrganizationId = v.InferOutput<typeof OrganizationId>;

/** Path parameters of every endpoint under `/v1/organizations/{organizationId}`. */
export const OrganizationParams = v.object({ organizationId: OrganizationId });

/** Calendar date `YYYY-MM-DD` (no time zone: the organisation's local date); the day must exist. */
export const IsoDate = v.pipe(
  v.string(),
  v.isoDate(),
  v.check((value) => !/^\d{4}-\d{2}-\d{2}$/.test(value) || isCalendarDate(value), 'Not a calendar date'),
);

/** Instant as an ISO 8601 timestamp with offset, e.g. `2026-11-22T09:30:00.000Z`. */
export const IsoTimestamp = v.pipe(v.string(), v.isoTimestamp());

export const Country = v.picklist(['RU', 'BY']);
export type Country = v.InferOutput<typeof Country>;

/**
 * The time zones an organisation of each country is offered, west to east (one city per zone: Russia
 * from Kaliningrad to Kamchatka). Any other IANA zone is still taken where a time zone is asked for.
 */
export const COUNTRY_TIME_ZONES = {
  RU: [
    'Europe/Kaliningrad',
    'Europe/Moscow',
    'Europe/Samara',
    'Asia/Yekaterinburg',
    'Asia/Omsk',
    'Asia/Krasnoyarsk',
    'Asia/Irkutsk',
    'Asia/Yakutsk',
    'Asia/Vladivostok',
    'Asia/Magadan',
    'Asia/Kamchatka',
  ],
  BY: ['Europe/Minsk'],
} as const satisfies Record<Country, readonly string[]>;

/** A short lowercase name used as a key: a letter, then letters, digits and hyphens (≤ 40). */
export const Slug = v.pipe(v.string(), v.regex(SLUG_PATTERN));

/** Field of activity, e.g. `education`, `health`, `social`. */
export const Sphere = Slug;
/** Kind of organisation within its sphere, e.g. `school`, `department`. */
export const Category = Slug;

export const Language = v.picklist(['ru', 'be', 'en']);
export type Language = v.InferOutput<typeof Language>;

export const JurisdictionProfileId = v.picklist(['ru-59fz', 'by-300z', 'generic']);
export type JurisdictionProfileId = v.InferOutput<typeof JurisdictionProfileId>;

/**
 * A whole number sent in a query string. Query values arrive as text, so the schema's input is a
 * string of digits and its output a number within the given bounds.
 */
export function queryInteger(min: number, max: number) {
  return v.pipe(
    v.string(),
    v.regex(/^\d{1,9}$/, 'Expected a whole number'),
    v.transform(Number),
    v.minValue(min, `Expected at least ${min}`),
    v.maxValue(max, `Expected at most ${max}`),
  );
}

/** Offset pagination shared by every list endpoint. */
export const PageQuery = {
  limit: v.optional(queryInteger(1, 100), '20'),
  offset: v.optional(queryInteger(0, 1_000_000), '0'),
};

/** Wraps an item schema into the page envelope every list endpoint returns. */
export function pageOf<TItem extends v.GenericSchema>(item: TItem) {
  return v.object({
    items: v.array(item),
    /** Number of items matching the query across all pages. */
    total: v.pipe(v.number(), v.integer(), v.minValue(0)),
    limit: v.pipe(v.number(), v.integer(), v.minValue(1)),
    offset: v.pipe(v.number(), v.integer(), v.minValue(0)),
  });
}
export type Page<TItem> = { items: TItem[]; total: number; limit: number; offset: number };
