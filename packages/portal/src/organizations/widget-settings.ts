import type { WidgetSettings } from '@otklik/client/schemas';
import {
  APPEAL_SETTINGS_COLUMNS,
  type AppealSettingsRow,
  appealFormSettings,
  toAppealSettings,
} from '../appeals/settings.ts';
import type { Queryable } from '../db/types.ts';
import {
  RATING_SETTINGS_COLUMNS,
  type RatingSettingsRow,
  toRatingFormSettings,
} from '../ratings/settings.ts';

/** Configured OpenID Connect providers among an organisation's enabled ids (login off: none). */
export type OidcProvidersOf = (enabled: readonly string[]) => { id: string; name: string }[];

/** What a widget needs before it renders: the organisation, its appeal form's and its rating form's settings. */
export async function getWidgetSettings(
  db: Queryable,
  organizationId: string,
  oidcProviders: OidcProvidersOf = () => [],
  /** The page's language: topics and the consent document in it when the organisation gives them. */
  language?: string,
  /** The portal's public URL, for consent documents given as text. */
  portalUrl?: string,
): Promise<WidgetSettings | null> {
  const rows = await db.query<
    AppealSettingsRow &
      RatingSettingsRow & {
        id: string;
        name: string;
        jurisdiction: WidgetSettings['jurisdiction'];
        languages: WidgetSettings['languages'];
        time_zone: string;
        origins: string[] | null;
      }
  >(
    `SELECT o.id, o.name, o.jurisdiction, o.languages, o.time_zone, ${APPEAL_SETTINGS_COLUMNS},
       ${RATING_SETTINGS_COLUMNS},
       ARRAY(SELECT origin FROM organization_origins WHERE organization_id = o.id ORDER BY origin) AS origins
     FROM organizations o LEFT JOIN organization_appeal_settings s ON s.organization_id = o.id
       LEFT JOIN organization_rating_settings r ON r.organization_id = o.id
     WHERE o.id = $1`,
    [organizationId],
  );
  const row = rows[0];
  if (!row) return null;
  const providers = oidcProviders(row.oidc_providers ?? []);
  return {
    organizationId: row.id,
    organizationName: row.name,
    jurisdiction: row.jurisdiction,
    languages: row.languages,
    allowedOrigins: row.origins ?? [],
    timeZone: row.time_zone,
    appeals: appealFormSettings(
      row.jurisdiction,
      toAppealSettings(row, language, portalUrl),
      providers,
      row.languages,
    ),
    ratings: toRatingFormSettings(row, providers, row.email_code ?? true),
  };
}
