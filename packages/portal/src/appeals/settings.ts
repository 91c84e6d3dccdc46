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
  /** The topics offered to new appeals (not archived), named in the language asked for. */
  topics: { id: string; name: string }[];
  /** The current consent version, in the language asked for. */
  consent: { version: string; title: string; documentUrl: string };
  numberPrefix: string;
  trackingPageUrl: string | null;
  identity: { emailCode: boolean; oidcProviders: string[] };
  attachments: { maxFiles: number; maxFileBytes: number; mediaTypes: string[] };
}

/** A consent document in one language as stored (at least one of `url` and `text`). */
export interface StoredConsentDocument {
  title: string;
  url: string | null;
  text: string | null;
}

/** Where the portal shows a consent document given as text (`{portalUrl}/consent/…`). */
export function consentPageUrl(
  portalUrl: string,
  organizationId: string,
  version: string,
  language: string,
): string {
  const path = `/consent/${encodeURIComponent(organizationId)}/${encodeURIComponent(version)}`;
  return `${portalUrl.replace(/\/+$/, '')}${path}?lang=${language}`;
}

/** The value for `language`, else for the organisation's first language, else any. */
export function inLanguage<T>(
  values: Partial<Record<string, T>>,
  language: string | undefined,
  organizationLanguages: readonly string[],
): [string, T] | null {
  for (const lang of [language, ...organizationLanguages]) {
    if (lang !== undefined && values[lang] !== undefined) return [lang, values[lang] as T];
  }
  const first = Object.entries(values).find(([, value]) => value !== undefined);
  return first ? [first[0], first[1] as T] : null;
}

/** What filing needs about an organisation, in one query. */
export interface IntakeOrganization {
  id: string;
  name: string;
  /** Whose calendar of non-working days its deadlines follow. */
  country: string;
  timeZone: string;
  languages: string[];
  origins: string[];
  profile: JurisdictionProfile;
  settings: AppealSettings;
}

/**
 * Columns of an organisation's appeal settings, for a query of `organizations o` LEFT JOIN
 * `organization_appeal_settings s`: the legacy topics and consent columns stand until the
 * organisation saves a topic or publishes a consent version.
 */
export const APPEAL_SETTINGS_COLUMNS = `s.mode, s.handoff_url, s.topics, s.consent_version, s.consent_title,
  s.consent_url, s.number_prefix, s.tracking_page_url, s.email_code, s.attachment_max_files,
  s.attachment_max_bytes, s.attachment_types,
  EXISTS (SELECT 1 FROM organization_topics t WHERE t.organization_id = o.id) AS topics_managed,
  (SELECT jsonb_agg(jsonb_build_object('id', t.id, 'names', t.names) ORDER BY t.position, t.id)
     FROM organization_topics t WHERE t.organization_id = o.id AND t.archived_at IS NULL) AS managed_topics,
  (SELECT jsonb_build_object('version', c.version, 'documents', c.documents)
     FROM organization_consent_versions c WHERE c.organization_id = o.id
     ORDER BY c.seq DESC LIMIT 1) AS managed_consent,
  ARRAY(SELECT provider_id FROM organization_oidc_providers WHERE organization_id = o.id
        ORDER BY provider_id) AS oidc_providers`;

export interface AppealSettingsRow {
  mode: 'form' | 'handoff' | null;
  handoff_url: string | null;
  topics: { id: string; name: string }[] | null;
  consent_version: string | null;
  consent_title: string | null;
  consent_url: string | null;
  number_prefix: string | null;
  tracking_page_url: string | null;
  email_code: boolean | null;
  attachment_max_files: number | null;
  attachment_max_bytes: number | string | null;
  attachment_types: string[] | null;
  topics_managed: boolean;
  managed_topics: { id: string; names: Record<string, string> }[] | null;
  managed_consent: { version: string; documents: Record<string, StoredConsentDocument> } | null;
  oidc_providers: string[] | null;
}

/** The row as the settings in one language (`portalUrl`: where consent given as text is shown). */
export function toAppealSettings(
  row: AppealSettingsRow & { id: string; languages: readonly string[] },
  language?: string,
  portalUrl?: string,
): AppealSettings {
  const topics = row.topics_managed
    ? (row.managed_topics ?? []).map((t) => ({
        id: t.id,
        name: inLanguage(t.names, language, row.languages)?.[1] ?? t.id,
      }))
    : (row.topics ?? []);
  let consent = DEFAULT_CONSENT;
  if (row.managed_consent) {
    const { version, documents } = row.managed_consent;
    const found = inLanguage(documents, language, row.languages);
    if (found) {
      const [lang, doc] = found;
      consent = {
        version,
        title: doc.title,
        documentUrl: doc.url ?? consentPageUrl(portalUrl ?? 'http://localhost', row.id, version, lang),
      };
    }
  } else if (row.consent_version && row.consent_title && row.consent_url) {
    consent = { version: row.consent_version, title: row.consent_title, documentUrl: row.consent_url };
  }
  return {
    mode: row.mode ?? 'form',
    handoffUrl: row.handoff_url,
    topics,
    consent,
    numberPrefix: row.number_prefix ?? 'ОБ',
    trackingPageUrl: row.tracking_page_url,
    identity: { emailCode: row.email_code ?? true, oidcProviders: row.oidc_providers ?? [] },
    attachments: {
      maxFiles: row.attachment_max_files ?? DEFAULT_ATTACHMENTS.maxFiles,
      maxFileBytes:
        row.attachment_max_bytes === null || row.attachment_max_bytes === undefined
          ? DEFAULT_ATTACHMENTS.maxFileBytes
          : Number(row.attachment_max_bytes),
      mediaTypes: row.attachment_types ?? [...DEFAULT_ATTACHMENTS.mediaTypes],
    },
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
    identity: { required: profile.identityRequired, emailCode: settings.identity.emailCode, oidcProviders },
    attachments: { ...settings.attachments, mediaTypes: [...settings.attachments.mediaTypes] },
  };
}

export async function loadIntakeOrganization(db: Queryable, id: string): Promise<IntakeOrganization | null> {
  const [row] = await db.query<
    AppealSettingsRow & {
      id: string;
      name: string;
      country: string;
      time_zone: string;
      languages: string[];
      jurisdiction: JurisdictionProfileId;
      origins: string[] | null;
    }
  >(
    `SELECT o.id, o.name, o.country, o.time_zone, o.languages, o.jurisdiction, ${APPEAL_SETTINGS_COLUMNS},
       ARRAY(SELECT origin FROM organization_origins WHERE organization_id = o.id) AS origins
     FROM organizations o LEFT JOIN organization_appeal_settings s ON s.organization_id = o.id
     WHERE o.id = $1`,
    [id],
  );
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    country: row.country,
    timeZone: row.time_zone,
    languages: row.languages,
    origins: row.origins ?? [],
    profile: jurisdictionProfiles[row.jurisdiction],
    settings: toAppealSettings(row),
  };
}
