/**
 * Jurisdiction profiles: what the law of an organisation's country asks of an electronic appeal,
 * as data. The portal enforces them and sends the organisation's profile to the form, which renders
 * from it; no code branches on a country.
 */
import type { AppealType } from './schemas/appeals.ts';
import type { JurisdictionProfileId, Language } from './schemas/common.ts';

/** How the form treats an applicant field. */
export type FieldRule = 'required' | 'optional' | 'hidden';

export interface JurisdictionProfile {
  readonly id: JurisdictionProfileId;
  /** Statute the profile encodes, for people. */
  readonly law: string;
  readonly appealTypes: readonly AppealType[];
  readonly applicant: {
    readonly surname: FieldRule;
    readonly firstName: FieldRule;
    /** 300-З accepts initials in place of the full patronymic. */
    readonly patronymic: FieldRule;
    readonly email: FieldRule;
    /** Postal address (59-ФЗ, optional) or address of residence (300-З, required). */
    readonly postalAddress: FieldRule;
  };
  /** Languages appeals may be written in. */
  readonly languages: readonly Language[];
  readonly textMaxLength: number;
  /** Whether a verified identity is needed before filing (59-ФЗ as amended by 547-ФЗ since 30.03.2025). */
  readonly identityRequired: boolean;
  /** Whether several people may file one (collective) appeal. */
  readonly collectiveAllowed: boolean;
  /** Whether the applicant may withdraw the appeal before it is answered (300-З). */
  readonly withdrawalAllowed: boolean;
  readonly deadlines: {
    /** Calendar days from receipt within which the appeal must be registered. */
    readonly registerWithinDays: number;
    /** Calendar days from registration for the answer. */
    readonly answerWithinDays: number;
    /** Calendar days from registration within which an appeal outside competence is forwarded. */
    readonly forwardWithinDays: number;
    /** Longest single extension in calendar days (0: none), announced to the applicant. */
    readonly extensionMaxDays: number;
    /** How many extensions are allowed. */
    readonly extensionsAllowed: number;
  };
}

export const jurisdictionProfiles = {
  'ru-59fz': {
    id: 'ru-59fz',
    law: 'Федеральный закон от 02.05.2006 № 59-ФЗ (ред. 547-ФЗ)',
    appealTypes: ['proposal', 'application', 'complaint'],
    applicant: {
      surname: 'required',
      firstName: 'required',
      patronymic: 'optional',
      email: 'required',
      postalAddress: 'optional',
    },
    languages: ['ru'],
    textMaxLength: 10_000,
    identityRequired: true,
    collectiveAllowed: true,
    withdrawalAllowed: false,
    deadlines: {
      registerWithinDays: 3,
      answerWithinDays: 30,
      forwardWithinDays: 7,
      extensionMaxDays: 30,
      extensionsAllowed: 1,
    },
  },
  'by-300z': {
    id: 'by-300z',
    law: 'Закон Республики Беларусь от 18.07.2011 № 300-З',
    appealTypes: ['proposal', 'application', 'complaint'],
    applicant: {
      surname: 'required',
      firstName: 'required',
      patronymic: 'required',
      email: 'required',
      postalAddress: 'required',
    },
    languages: ['be', 'ru'],
    textMaxLength: 10_000,
    identityRequired: false,
    collectiveAllowed: true,
    withdrawalAllowed: true,
    deadlines: {
      registerWithinDays: 1,
      answerWithinDays: 15,
      forwardWithinDays: 5,
      // "One month when additional study is needed": counted as 30 days from registration.
      extensionMaxDays: 15,
      extensionsAllowed: 1,
    },
  },
  generic: {
    id: 'generic',
    law: 'Organisation rules',
    appealTypes: ['proposal', 'application', 'complaint'],
    applicant: {
      surname: 'optional',
      firstName: 'required',
      patronymic: 'hidden',
      email: 'required',
      postalAddress: 'optional',
    },
    languages: ['ru', 'be', 'en'],
    textMaxLength: 10_000,
    identityRequired: false,
    collectiveAllowed: false,
    withdrawalAllowed: true,
    deadlines: {
      registerWithinDays: 3,
      answerWithinDays: 30,
      forwardWithinDays: 7,
      extensionMaxDays: 30,
      extensionsAllowed: 1,
    },
  },
} as const satisfies Record<JurisdictionProfileId, JurisdictionProfile>;
