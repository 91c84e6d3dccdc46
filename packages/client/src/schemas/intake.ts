/**
 * Wire format of the appeal flow: form settings, identity verification, proof of work, filing,
 * the applicant's view of an appeal and the applicant's actions on it.
 */
import * as v from 'valibot';
import { AppealResult, AppealStatus, AppealType } from './appeals.ts';
import { IsoDate, IsoTimestamp, JurisdictionProfileId, Language, OrganizationId } from './common.ts';
import { PlainString, plainText } from './text.ts';

const FieldRule = v.picklist(['required', 'optional', 'hidden']);
const Days = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(366));

/** A jurisdiction profile as sent to the form (see profiles.ts for the meaning of each field). */
export const JurisdictionProfileSchema = v.object({
  id: JurisdictionProfileId,
  law: v.string(),
  appealTypes: v.array(AppealType),
  applicant: v.object({
    surname: FieldRule,
    firstName: FieldRule,
    patronymic: FieldRule,
    email: FieldRule,
    postalAddress: FieldRule,
  }),
  languages: v.array(Language),
  textMaxLength: v.pipe(v.number(), v.integer(), v.minValue(1)),
  identityRequired: v.boolean(),
  collectiveAllowed: v.boolean(),
  withdrawalAllowed: v.boolean(),
  deadlines: v.object({
    registerWithinDays: Days,
    answerWithinDays: Days,
    forwardWithinDays: Days,
    extensionMaxDays: Days,
    extensionsAllowed: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
});

/** What the appeal form needs from the organisation, part of the widget settings. */
export const AppealFormSettings = v.object({
  /**
   * `form`: the form takes appeals. `handoff`: the organisation must take electronic appeals through
   * a state system (Belarus: обращения.бел); the form explains this and links to `handoffUrl`.
   */
  mode: v.picklist(['form', 'handoff']),
  handoffUrl: v.nullable(v.pipe(v.string(), v.url())),
  profile: JurisdictionProfileSchema,
  /**
   * Languages an appeal may be written in: the organisation's, within its profile's; the first is the
   * default. Independent of the page's language: an English page still files a Russian appeal.
   */
  languages: v.pipe(v.array(Language), v.minLength(1)),
  topics: v.array(v.object({ id: v.string(), name: v.string() })),
  /** The personal-data consent document the applicant accepts, by version. */
  consent: v.object({ version: v.string(), title: v.string(), documentUrl: v.pipe(v.string(), v.url()) }),
  identity: v.object({
    /** Whether a verified identity is required before filing (from the profile). */
    required: v.boolean(),
    emailCode: v.boolean(),
    /** OpenID Connect providers configured for the organisation (e.g. an ESIA gateway). */
    oidcProviders: v.array(v.object({ id: v.string(), name: v.string() })),
  }),
  attachments: v.object({
    maxFiles: v.pipe(v.number(), v.integer(), v.minValue(0)),
    maxFileBytes: v.pipe(v.number(), v.integer(), v.minValue(0)),
    /** Accepted media types, checked against the file's real content on the server. */
    mediaTypes: v.array(v.string()),
  }),
});
export type AppealFormSettings = v.InferOutput<typeof AppealFormSettings>;

// ---------------------------------------------------------------------------------------------
// Proof of work (self-hosted, no third party)

/**
 * A challenge: find `number` in 0…`maxNumber` with `SHA-256(salt + number)` (hex) equal to
 * `challenge`. `signature` is the portal's HMAC over the other fields; a solution is accepted once.
 */
export const PowChallenge = v.object({
  algorithm: v.literal('SHA-256'),
  challenge: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  salt: v.pipe(v.string(), v.minLength(8), v.maxLength(200)),
  maxNumber: v.pipe(v.number(), v.integer(), v.minValue(1)),
  expiresAt: IsoTimestamp,
  signature: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
});
export type PowChallenge = v.InferOutput<typeof PowChallenge>;

export const PowSolution = v.object({
  ...PowChallenge.entries,
  number: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type PowSolution = v.InferOutput<typeof PowSolution>;

// ---------------------------------------------------------------------------------------------
// Identity: e-mail one-time code

const Email = v.pipe(
  v.string(),
  plainText(),
  v.trim(),
  v.maxLength(254),
  v.email('Enter a valid e-mail address'),
);

export const EmailCodeRequest = v.object({ email: Email, language: v.optional(Language) });
export const EmailCodeSent = v.object({
  verificationId: v.pipe(v.string(), v.uuid()),
  expiresAt: IsoTimestamp,
  /** Earliest moment another code may be requested. */
  resendAfter: IsoTimestamp,
});
export type EmailCodeSent = v.InferOutput<typeof EmailCodeSent>;

export const EmailCodeVerification = v.object({ code: v.pipe(v.string(), v.regex(/^\d{6}$/, 'Six digits')) });
export const VerificationParams = v.object({ verificationId: v.pipe(v.string(), v.uuid()) });

/** A verified identity, valid until `expiresAt`; send `identityToken` with the appeal. */
export const VerifiedIdentity = v.object({
  identityToken: v.pipe(v.string(), v.minLength(20), v.maxLength(2000)),
  email: v.string(),
  method: v.string(),
  expiresAt: IsoTimestamp,
});
export type VerifiedIdentity = v.InferOutput<typeof VerifiedIdentity>;

// ---------------------------------------------------------------------------------------------
// Filing

const Name = v.pipe(v.string(), plainText(), v.trim(), v.minLength(1, 'Required'), v.maxLength(100));
const Person = v.object({ surname: Name, firstName: Name, patronymic: v.optional(Name) });

export const AppealSubmission = v.object({
  type: AppealType,
  topicId: v.optional(v.pipe(v.string(), plainText(), v.maxLength(64))),
  language: Language,
  applicant: v.object({
    surname: v.optional(Name),
    firstName: v.optional(Name),
    patronymic: v.optional(Name),
    email: Email,
    postalAddress: v.optional(v.pipe(v.string(), plainText(), v.trim(), v.minLength(1), v.maxLength(500))),
  }),
  /** Other signatories of a collective appeal, where the profile allows one. */
  coAuthors: v.optional(v.pipe(v.array(Person), v.maxLength(50))),
  /** The appeal itself; the profile's `textMaxLength` applies. */
  text: v.pipe(v.string(), plainText(), v.trim(), v.minLength(1, 'Required'), v.maxLength(20_000)),
  attachmentIds: v.optional(v.pipe(v.array(v.pipe(v.string(), v.uuid())), v.maxLength(20)), []),
  consent: v.object({ version: PlainString, accepted: v.literal(true, 'Consent is required') }),
  /** From e-mail code verification or OpenID Connect; required where the profile says so. */
  identityToken: v.optional(PlainString),
  proofOfWork: PowSolution,
  /** The page the applicant filed from; the private tracking link points there. Allowed origins only. */
  pageUrl: v.optional(v.pipe(v.string(), plainText(), v.url(), v.maxLength(2000))),
  /** Honeypot: invisible to people, filled by naive bots. Must be empty. */
  website: v.optional(v.pipe(v.string(), plainText(), v.maxLength(0, 'Must be empty'))),
});
export type AppealSubmission = v.InferInput<typeof AppealSubmission>;

/** The answer to a filed appeal: what the applicant keeps. `accessSecret` is shown only here. */
export const AppealReceipt = v.object({
  appealId: v.pipe(v.string(), v.uuid()),
  registrationNumber: v.string(),
  registeredAt: IsoTimestamp,
  /** The date by which the answer is due under the profile. */
  dueDate: IsoDate,
  status: AppealStatus,
  /** Opens the appeal's status page; ≥ 128 bits; stored only hashed by the portal. */
  accessSecret: v.pipe(v.string(), v.minLength(22)),
  /** The private link also sent by e-mail (secret in the URL fragment), when a page is known. */
  trackingUrl: v.nullable(v.string()),
});
export type AppealReceipt = v.InferOutput<typeof AppealReceipt>;

// ---------------------------------------------------------------------------------------------
// The applicant's view

export const AppealParams = v.object({ appealId: v.pipe(v.string(), v.uuid()) });

export const AttachmentRef = v.object({
  id: v.pipe(v.string(), v.uuid()),
  name: v.string(),
  mediaType: v.string(),
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type AttachmentRef = v.InferOutput<typeof AttachmentRef>;

/**
 * The answer to an upload (`uploadAttachmentRoute`, multipart/form-data, one file in the field `file`):
 * send `id` in `attachmentIds`; `uploadToken` deletes the upload before filing.
 */
export const AttachmentUpload = v.object({
  ...AttachmentRef.entries,
  uploadToken: v.pipe(v.string(), v.minLength(20), v.maxLength(200)),
});
export type AttachmentUpload = v.InferOutput<typeof AttachmentUpload>;

export const AppealMessage = v.object({
  id: v.pipe(v.string(), v.uuid()),
  author: v.picklist(['applicant', 'organization']),
  text: v.string(),
  at: IsoTimestamp,
  attachments: v.array(AttachmentRef),
});

export const AppealView = v.object({
  appealId: v.pipe(v.string(), v.uuid()),
  organizationId: OrganizationId,
  organizationName: v.string(),
  registrationNumber: v.string(),
  type: AppealType,
  status: AppealStatus,
  result: v.nullable(AppealResult),
  registeredAt: IsoTimestamp,
  dueDate: IsoDate,
  /**
   * The organisation's IANA time zone (`Europe/Moscow`). Every date of the appeal (registration,
   * history, answer, messages) is shown in it, as the due date is, wherever the reader is.
   */
  timeZone: v.optional(v.string()),
  /** A copy of what the applicant sent: the text and the topic's name (the type is `type`). */
  sent: v.optional(v.object({ text: v.string(), topic: v.nullable(v.string()) })),
  history: v.array(v.object({ status: AppealStatus, at: IsoTimestamp, note: v.nullable(v.string()) })),
  /** Files filed with the appeal itself (download: GET /v1/appeals/{appealId}/attachments/{id}). */
  attachments: v.optional(v.array(AttachmentRef), []),
  answer: v.nullable(v.object({ text: v.string(), at: IsoTimestamp, attachments: v.array(AttachmentRef) })),
  messages: v.array(AppealMessage),
  canWithdraw: v.boolean(),
  canRate: v.boolean(),
  rating: v.nullable(v.object({ score: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)) })),
});
export type AppealView = v.InferOutput<typeof AppealView>;

export const ApplicantMessageInput = v.object({
  text: v.pipe(v.string(), plainText(), v.trim(), v.minLength(1), v.maxLength(10_000)),
  attachmentIds: v.optional(v.pipe(v.array(v.pipe(v.string(), v.uuid())), v.maxLength(20)), []),
});

export const AnswerRatingInput = v.object({
  score: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
  comment: v.optional(v.pipe(v.string(), plainText(), v.trim(), v.maxLength(2000))),
});

/** "Lost my link": the link is e-mailed if the pair exists; the answer never says whether it does. */
export const LostLinkRequest = v.object({
  registrationNumber: v.pipe(v.string(), plainText(), v.trim(), v.minLength(1), v.maxLength(64)),
  email: Email,
  pageUrl: v.optional(v.pipe(v.string(), plainText(), v.url(), v.maxLength(2000))),
});

export const Accepted = v.object({ accepted: v.literal(true) });
