import { type JurisdictionProfile, jurisdictionProfiles } from '@otklik/client';
import type { AppealFormSettings, JurisdictionProfileId, Language } from '@otklik/client/schemas';
import { DEFAULT_ATTACHMENTS } from '../attachments/rules.ts';
import type { Queryable } from '../db/types.ts';

/** Used for an organisation without a settings row. */
export const DEFAULT_CONSENT = {
  version: '1',
  title: 'Согласие на обработку персональных данных',
  documentUrl: 'https://otklik.dev/consent/v1',
};

export interface AppealSettings {
  mode: 'form' | 'handoff';
  handoffUrl: string | null;
  topics: { id: string; name: string }[];
  consent: { version: string; title: string; documentUrl: string };
  numberPrefix: string;
  trackingPageUrl: string | null;
}

/** What filing needs about an organisation, in one query. */
export interface IntakeOrganization {
  id: string;
  name: string;
  timeZone: string;
  languages: string[];
  origins: string[];
  profile: JurisdictionProfile;
  settings: AppealSettings;
}

export const APPEAL_SETTINGS_COLUMNS = `s.mode, s.handoff_url, s.topics, s.consent_version, s.consent_title,
  s.consent_url, s.number_prefix, s.tracking_page_url`;

export interface AppealSettingsRow {
  mode: 'form' | 'handoff' | null;
  handoff_url: string | null;
  topics: { id: string; name: string }[] | null;
  consent_version: string | null;
  consent_title: string | null;
  consent_url: string | null;
  number_prefix: string | null;
  tracking_page_url: string | null;
}

export function toAppealSettings(row: AppealSettingsRow): AppealSettings {
  return {
    mode: row.mode ?? 'form',
    handoffUrl: row.handoff_url,
    topics: row.topics ?? [],
    consent:
      row.consent_version && row.consent_title && row.consent_url
        ? { version: row.consent_version, title: row.consent_title, documentUrl: row.consent_url }
        : DEFAULT_CONSENT,
    numberPrefix: row.number_prefix ?? 'ОБ',
    trackingPageUrl: row.tracking_page_url,
  };
}

/** The form's settings: the organisation's choices plus its jurisdiction profile (data, not branches). */
export function appealFormSettings(
  jurisdiction: JurisdictionProfileId,
  settings: AppealSettings,
  oidcProviders: { id: string; name: string }[] = [],
  organizationLanguages: readonly Language[] = [],
): AppealFormSettings {
  const profile = jurisdictionProfiles[jurisdiction];
  const taken = organizationLanguages.filter((l) => (profile.languages as readonly string[]).includes(l));
  return {
    mode: settings.mode,
    handoffUrl: settings.handoffUrl,
    profile: {
      ...profile,
      appealTypes: [...profile.appealTypes],
      languages: [...profile.languages],
      applicant: { ...profile.applicant },
      deadlines: { ...profile.deadlines },
    },
    languages: taken.length > 0 ? taken : [...profile.languages],
    topics: settings.topics,
    consent: settings.consent,
    identity: { required: profile.identityRequired, emailCode: true, oidcProviders },
    attachments: { ...DEFAULT_ATTACHMENTS, mediaTypes: [...DEFAULT_ATTACHMENTS.mediaTypes] },
  };
}

export async function loadIntakeOrganization(db: Queryable, id: string): Promise<IntakeOrganization | null> {
  const [row] = await db.query<
    AppealSettingsRow & {
      id: string;
      name: string;
      time_zone: string;
      languages: string[];
      jurisdiction: JurisdictionProfileId;
      origins: string[] | null;
    }
  >(
    `SELECT o.id, o.name, o.time_zone, o.languages, o.jurisdiction, ${APPEAL_SETTINGS_COLUMNS},
       ARRAY(SELECT origin FROM organization_origins WHERE organization_id = o.id) AS origins
     FROM organizations o LEFT JOIN organization_appeal_settings s ON s.organization_id = o.id
     WHERE o.id = $1`,
    [id],
  );
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    timeZone: row.time_zone,
    languages: row.languages,
    origins: row.origins ?? [],
    profile: jurisdictionProfiles[row.jurisdiction],
    settings: toAppealSettings(row),
  };
}
