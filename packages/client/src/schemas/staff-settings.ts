/** Wire format of what staff change about their organisation: origins, languages, how it takes ratings. */
import * as v from 'valibot';
import { Language, OrganizationParams } from './common.ts';
import { CriteriaSet, Criterion, CriterionId } from './ratings.ts';

/** A web origin exactly as browsers send it: scheme, host and non-default port, nothing else. */
export const WebOrigin = v.pipe(
  v.string(),
  v.check((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'Expected an origin such as https://school.example (no path or trailing slash)'),
);

/** Fields left out keep their value. */
export const OrganizationSettingsPatch = v.object({
  allowedOrigins: v.optional(v.pipe(v.array(WebOrigin), v.maxLength(50))),
  languages: v.optional(v.pipe(v.array(Language), v.minLength(1), v.maxLength(3))),
});
export type OrganizationSettingsPatch = v.InferInput<typeof OrganizationSettingsPatch>;

const HttpUrl = v.pipe(
  v.string(),
  v.maxLength(2000),
  v.url(),
  v.check((value) => /^https?:\/\//i.test(value), 'Expected an http or https URL'),
);

/** Fields left out keep their value (or the default). */
export const RatingSettingsPatch = v.object({
  enabled: v.optional(v.boolean()),
  /** A built-in set (`by-base`, `ru-nok`) or one of the organisation's own. */
  criteriaSetId: v.optional(CriterionId),
  serviceDateMaxAgeDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3650))),
  commentMaxLength: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(5000))),
  identification: v.optional(v.picklist(['anonymous', 'optional', 'required'])),
  /** `null`: the portal's own rating page. */
  ratingPageUrl: v.optional(v.nullable(HttpUrl)),
});
export type RatingSettingsPatch = v.InferInput<typeof RatingSettingsPatch>;

export const CriteriaSetParams = v.object({ ...OrganizationParams.entries, setId: CriterionId });

/** One of the organisation's own criteria sets (its id is in the path). */
export const CriteriaSetBody = v.object({
  name: CriteriaSet.entries.name,
  criteria: v.pipe(
    v.array(Criterion),
    v.minLength(1),
    v.maxLength(10),
    v.check(
      (criteria) => new Set(criteria.map((c) => c.id)).size === criteria.length,
      'Criterion ids must be unique',
    ),
  ),
});
export type CriteriaSetBody = v.InferInput<typeof CriteriaSetBody>;
