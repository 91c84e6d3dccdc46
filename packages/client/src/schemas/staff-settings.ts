/**
 * Wire format of what staff change about their organisation: its profile, origins, consent documents,
 * topics, identity methods, attachment rules and how it takes ratings.
 */
import * as v from 'valibot';
import {
  Country,
  IsoTimestamp,
  JurisdictionProfileId,
  Language,
  OrganizationId,
  OrganizationParams,
} from './common.ts';
import { CriteriaSet, Criterion, CriterionId, LocalizedTextInput } from './ratings.ts';
import { plainText } from './text.ts';

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
  name: LocalizedTextInput,
  criteria: v.pipe(
    v.array(v.object({ id: Criterion.entries.id, label: LocalizedTextInput })),
    v.minLength(1),
    v.maxLength(10),
    v.check(
      (criteria) => new Set(criteria.map((c) => c.id)).size === criteria.length,
      'Criterion ids must be unique',
    ),
  ),
});
export type CriteriaSetBody = v.InferInput<typeof CriteriaSetBody>;

// ---------------------------------------------------------------------------------------------
// The organisation's profile, origins, consent documents, topics, identity and attachments

/** An IANA time zone the runtime knows, such as `Europe/Minsk` (not an offset like `+03:00`). */
export const TimeZone = v.pipe(
  v.string(),
  v.maxLength(64),
  v.check((value) => {
    if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }, 'Expected an IANA time zone such as Europe/Minsk'),
);

const Text = (max: number) => v.pipe(v.string(), plainText(), v.trim(), v.minLength(1), v.maxLength(max));
const OptionalContact = (schema: v.GenericSchema<string, string>) => v.optional(v.nullable(schema));

/** How citizens reach the organisation outside the widget; `null`: not given. */
export const OrganizationContacts = v.object({
  email: v.nullable(v.pipe(v.string(), v.email(), v.maxLength(254))),
  phone: v.nullable(v.pipe(v.string(), v.maxLength(40))),
  address: v.nullable(v.pipe(v.string(), v.maxLength(500))),
  website: v.nullable(v.pipe(v.string(), v.maxLength(2000))),
});
export type OrganizationContacts = v.InferOutput<typeof OrganizationContacts>;

/** Fields left out keep their value. */
export const OrganizationSettingsPatch = v.object({
  name: v.optional(Text(300)),
  /** `null` clears it. */
  shortName: v.optional(v.nullable(Text(120))),
  contacts: v.optional(
    v.object({
      email: OptionalContact(
        v.pipe(v.string(), v.trim(), v.email('Expected an e-mail address'), v.maxLength(254)),
      ),
      phone: OptionalContact(
        v.pipe(v.string(), v.trim(), v.regex(/^[+\d][\d ()-]{4,39}$/, 'Expected a phone number')),
      ),
      address: OptionalContact(Text(500)),
      website: OptionalContact(
        v.pipe(
          v.string(),
          v.maxLength(2000),
          v.url('Expected a web address'),
          v.check((value) => /^https?:\/\//i.test(value), 'Expected an http or https address'),
        ),
      ),
    }),
  ),
  /** Must fit the organisation's country (`ru-59fz`: RU, `by-300z`: BY, `generic`: any). */
  jurisdiction: v.optional(JurisdictionProfileId),
  /** The first is the default (of the widgets, mail, and appeals where the profile allows it). */
  languages: v.optional(
    v.pipe(
      v.array(Language),
      v.minLength(1),
      v.maxLength(3),
      v.check((list) => new Set(list).size === list.length, 'Each language once'),
    ),
  ),
  timeZone: v.optional(TimeZone),
  allowedOrigins: v.optional(v.pipe(v.array(WebOrigin), v.maxLength(50))),
});
export type OrganizationSettingsPatch = v.InferInput<typeof OrganizationSettingsPatch>;

/** Identity methods the form offers (an OpenID Connect provider only if the portal configures it). */
export const IdentitySettings = v.object({
  emailCode: v.boolean(),
  oidcProviders: v.array(v.string()),
});

/** Attachment rules, within the portal's limits. */
export const AttachmentRules = v.object({
  maxFiles: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100)),
  maxFileBytes: v.pipe(v.number(), v.integer(), v.minValue(1)),
  mediaTypes: v.array(v.pipe(v.string(), v.maxLength(200))),
});
export type AttachmentRules = v.InferOutput<typeof AttachmentRules>;

/** Everything staff see and change about their organisation, in one read. */
export const OrganizationSettings = v.object({
  organizationId: OrganizationId,
  name: v.string(),
  shortName: v.nullable(v.string()),
  country: Country,
  contacts: OrganizationContacts,
  jurisdiction: JurisdictionProfileId,
  languages: v.array(Language),
  timeZone: v.string(),
  allowedOrigins: v.array(v.string()),
  /** The current consent document's version (`null`: the portal's default document). */
  consentVersion: v.nullable(v.string()),
  appeals: v.object({
    mode: v.picklist(['form', 'handoff']),
    identity: IdentitySettings,
    attachments: AttachmentRules,
  }),
  /** What the portal allows: identity providers configured here, attachment limits. */
  portal: v.object({
    oidcProviders: v.array(v.object({ id: v.string(), name: v.string() })),
    attachments: AttachmentRules,
  }),
});
export type OrganizationSettings = v.InferOutput<typeof OrganizationSettings>;

/**
 * `origin`: URL-encoded. Any text is taken (removing an origin that is not allowed changes nothing),
 * so a malformed one is answered after the caller's rights are checked, like any other.
 */
export const OriginParams = v.object({
  ...OrganizationParams.entries,
  origin: v.pipe(v.string(), plainText(), v.minLength(1), v.maxLength(2100)),
});
export const OriginBody = v.object({ origin: WebOrigin });
export type OriginBody = v.InferInput<typeof OriginBody>;
/** The allowed origins after the change, sorted. */
export const OriginList = v.object({ allowedOrigins: v.array(v.string()) });
export type OriginList = v.InferOutput<typeof OriginList>;

/** A page of the organisation's site where a widget is (or will be) embedded. */
export const OriginCheckBody = v.object({
  pageUrl: v.pipe(
    v.string(),
    v.maxLength(2000),
    v.url('Expected the full address of a page, such as https://school.example/appeals'),
    v.check((value) => /^https?:\/\//i.test(value), 'Expected an http or https address'),
  ),
});
export type OriginCheckBody = v.InferInput<typeof OriginCheckBody>;

/**
 * What the site must do about a point of the check, for clients to say in their own words: allow its
 * origin, make the page load (it gave no answer, took too long, or answered `httpStatus`), add the
 * loader script or the widget's mount element, or let the portal in through its Content-Security-Policy.
 */
export const ORIGIN_CHECK_ADVICE = [
  'add-origin',
  'page-not-loaded',
  'page-timeout',
  'page-http-status',
  'add-loader-script',
  'add-mount-div',
  'allow-portal-in-csp',
] as const;
export const OriginCheckAdvice = v.picklist(ORIGIN_CHECK_ADVICE);
export type OriginCheckAdvice = v.InferOutput<typeof OriginCheckAdvice>;

/**
 * One point of the site check: `ok`, `missing` (the site must change something: `advice` says what,
 * `code` the exact text to add, if any), or `unknown` (could not be told, e.g. the page did not load).
 * `hint` is the same in English, for API users.
 */
export const OriginCheckItem = v.object({
  id: v.picklist(['origin-allowed', 'page-reachable', 'loader-script', 'mount-div', 'csp']),
  status: v.picklist(['ok', 'missing', 'unknown']),
  advice: v.nullable(OriginCheckAdvice),
  /** What to add, verbatim (an origin, an HTML element, CSP sources): not translated. */
  code: v.nullable(v.string()),
  hint: v.nullable(v.string()),
});
export type OriginCheckItem = v.InferOutput<typeof OriginCheckItem>;

/** What the page still needs for the widgets to work; `ready` when every item is `ok`. */
export const OriginCheckReport = v.object({
  pageUrl: v.string(),
  origin: v.string(),
  ready: v.boolean(),
  /** HTTP status of the page (`null`: not fetched). */
  httpStatus: v.nullable(v.number()),
  items: v.array(OriginCheckItem),
});
export type OriginCheckReport = v.InferOutput<typeof OriginCheckReport>;

/** The consent document in one language: a page on the organisation's site, its text, or both. */
export const ConsentDocument = v.pipe(
  v.object({
    title: Text(300),
    url: v.optional(
      v.nullable(
        v.pipe(
          v.string(),
          v.maxLength(2000),
          v.url('Expected a web address'),
          v.check((value) => /^https?:\/\//i.test(value), 'Expected an http or https address'),
        ),
      ),
    ),
    text: v.optional(v.nullable(Text(100_000))),
  }),
  v.check((doc) => Boolean(doc.url) || Boolean(doc.text), 'Give the address of the document or its text'),
);
export type ConsentDocument = v.InferInput<typeof ConsentDocument>;

/** A new version: the document in each of the organisation's languages (the first is required). */
export const ConsentVersionBody = v.object({
  documents: v.pipe(
    v.record(Language, ConsentDocument),
    v.check((docs) => Object.keys(docs).length > 0, 'Give the document in at least one language'),
  ),
});
export type ConsentVersionBody = v.InferInput<typeof ConsentVersionBody>;

/** One published version; never changed after publication. */
export const ConsentVersion = v.object({
  version: v.string(),
  publishedAt: v.nullable(IsoTimestamp),
  current: v.boolean(),
  documents: v.record(
    Language,
    v.object({ title: v.string(), url: v.nullable(v.string()), text: v.nullable(v.string()) }),
  ),
  /** How many appeals were filed accepting this version. */
  appeals: v.number(),
});
export type ConsentVersion = v.InferOutput<typeof ConsentVersion>;

/** Every version, newest first (the first is current). */
export const ConsentVersionList = v.object({ versions: v.array(ConsentVersion) });
export type ConsentVersionList = v.InferOutput<typeof ConsentVersionList>;

export const TopicId = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'Use lowercase letters, digits and hyphens'),
);
export const TopicParams = v.object({ ...OrganizationParams.entries, topicId: TopicId });

/** A topic's names by language; the organisation's first language is required. */
export const TopicNames = v.pipe(
  v.record(Language, Text(200)),
  v.check((names) => Object.keys(names).length > 0, 'Give the name in at least one language'),
);

/** Creates or renames a topic, archives or restores it. */
export const TopicBody = v.object({
  names: TopicNames,
  /** `true`: not offered for new appeals; appeals that carry it keep it. */
  archived: v.optional(v.boolean()),
});
export type TopicBody = v.InferInput<typeof TopicBody>;

export const StaffTopic = v.object({
  id: v.string(),
  names: v.record(Language, v.string()),
  archived: v.boolean(),
  position: v.number(),
});
export type StaffTopic = v.InferOutput<typeof StaffTopic>;

/** Every topic in order, archived ones last. */
export const TopicList = v.object({ topics: v.array(StaffTopic) });
export type TopicList = v.InferOutput<typeof TopicList>;

/** The new order: every topic id that is not archived, each once. */
export const TopicOrderBody = v.object({
  ids: v.pipe(
    v.array(TopicId),
    v.maxLength(200),
    v.check((ids) => new Set(ids).size === ids.length, 'Each topic once'),
  ),
});
export type TopicOrderBody = v.InferInput<typeof TopicOrderBody>;

/** Fields left out keep their value. */
export const AppealOptionsPatch = v.object({
  identity: v.optional(
    v.object({
      emailCode: v.optional(v.boolean()),
      oidcProviders: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(32))), v.maxLength(10))),
    }),
  ),
  attachments: v.optional(
    v.object({
      maxFiles: v.optional(AttachmentRules.entries.maxFiles),
      maxFileBytes: v.optional(AttachmentRules.entries.maxFileBytes),
      mediaTypes: v.optional(v.pipe(AttachmentRules.entries.mediaTypes, v.maxLength(20))),
    }),
  ),
});
export type AppealOptionsPatch = v.InferInput<typeof AppealOptionsPatch>;
