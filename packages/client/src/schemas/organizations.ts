import * as v from 'valibot';
import {
  Category,
  Country,
  JurisdictionProfileId,
  Language,
  OrganizationId,
  PageQuery,
  pageOf,
  Sphere,
} from './common.ts';
import { AppealFormSettings } from './intake.ts';
import { RatingFormSettings } from './ratings.ts';
import { plainText } from './text.ts';

export const Coordinates = v.object({
  lat: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
  lon: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
});

/** An organisation's public profile. */
export const Organization = v.object({
  id: OrganizationId,
  name: v.string(),
  shortName: v.nullable(v.string()),
  country: Country,
  jurisdiction: JurisdictionProfileId,
  sphere: v.string(),
  category: v.string(),
  /** Superior organisation (e.g. the education department of a school), if any. */
  parentId: v.nullable(OrganizationId),
  /** How many organisations name this one as their parent. */
  subordinateCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  address: v.nullable(v.string()),
  website: v.nullable(v.string()),
  coordinates: v.nullable(Coordinates),
  /** IANA time zone in which the organisation's calendar dates and periods are counted. */
  timeZone: v.string(),
});
export type Organization = v.InferOutput<typeof Organization>;

export const OrganizationPage = pageOf(Organization);
export type OrganizationPage = v.InferOutput<typeof OrganizationPage>;

/** Query of `GET /v1/organizations`. Every filter is optional; all given filters must match. */
export const OrganizationSearchQuery = v.object({
  /** Words to find in the name or short name (case-insensitive). */
  q: v.optional(v.pipe(v.string(), plainText(), v.trim(), v.maxLength(200))),
  sphere: v.optional(Sphere),
  category: v.optional(Category),
  /** Only direct subordinates of this organisation. */
  parent: v.optional(OrganizationId),
  country: v.optional(Country),
  ...PageQuery,
});

/** A public service an organisation provides (what citizens rate). */
export const Service = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  name: v.string(),
  description: v.nullable(v.string()),
});
export type Service = v.InferOutput<typeof Service>;

export const ServicePage = pageOf(Service);
export type ServicePage = v.InferOutput<typeof ServicePage>;
export const ServiceListQuery = v.object({ ...PageQuery });

/** What a widget needs to know about an organisation before it renders. */
/** `language`: the page's; topics and the consent document come in it when the organisation gives them. */
export const WidgetSettingsQuery = v.object({ language: v.optional(Language) });
export type WidgetSettingsQuery = v.InferInput<typeof WidgetSettingsQuery>;

export const WidgetSettings = v.object({
  organizationId: OrganizationId,
  organizationName: v.string(),
  jurisdiction: JurisdictionProfileId,
  /** Languages the organisation accepts appeals in; the first is the default. */
  languages: v.pipe(v.array(Language), v.minLength(1)),
  /** Web origins (`https://school.example`) whose pages may embed this organisation's widgets. */
  allowedOrigins: v.array(v.string()),
  timeZone: v.string(),
  /** Everything the appeal form renders from. */
  appeals: AppealFormSettings,
  /** Everything the rating form renders from. */
  ratings: RatingFormSettings,
});
export type WidgetSettings = v.InferOutput<typeof WidgetSettings>;
