import type { AppealOptionsPatch, FieldIssue, OrganizationSettings } from '@otklik/client/schemas';
import type * as v from 'valibot';
import { DEFAULT_CONSENT } from '../appeals/settings.ts';
import type { Queryable } from '../db/types.ts';
import { ProblemError } from '../http/problem.ts';
import type { PortalLimits } from './settings.ts';

/** Creates the organisation's appeal settings row with the defaults if it has none. */
export async function ensureAppealSettingsRow(tx: Queryable, organizationId: string): Promise<void> {
  await tx.query(
    `INSERT INTO organization_appeal_settings (organization_id, consent_version, consent_title, consent_url)
     VALUES ($1, $2, $3, $4) ON CONFLICT (organization_id) DO NOTHING`,
    [organizationId, DEFAULT_CONSENT.version, DEFAULT_CONSENT.title, DEFAULT_CONSENT.documentUrl],
  );
}

/**
 * Applies identity methods and attachment rules after checking them against the portal's limits and
 * the profile (a profile, or ratings, that require identity keep at least one method). Throws 422 naming each
 * field. Run it in a transaction.
 */
export async function updateAppealOptions(
  tx: Queryable,
  current: OrganizationSettings,
  patch: v.InferOutput<typeof AppealOptionsPatch>,
  limits: PortalLimits,
  /** What requires a verified identity, if anything: the jurisdiction profile, or ratings set to require it. */
  identityRequiredBy: 'profile' | 'ratings' | null,
): Promise<void> {
  const issues: FieldIssue[] = [];
  const was = current.appeals;
  const identity = {
    emailCode: patch.identity?.emailCode ?? was.identity.emailCode,
    oidcProviders: patch.identity?.oidcProviders ?? was.identity.oidcProviders,
  };
  const attachments = {
    maxFiles: patch.attachments?.maxFiles ?? was.attachments.maxFiles,
    maxFileBytes: patch.attachments?.maxFileBytes ?? was.attachments.maxFileBytes,
    mediaTypes: patch.attachments?.mediaTypes ?? was.attachments.mediaTypes,
  };
  const configured = new Set(limits.oidcProviders.map((p) => p.id));
  for (const [i, id] of (patch.identity?.oidcProviders ?? []).entries()) {
    if (!configured.has(id)) {
      issues.push({
        path: `body.identity.oidcProviders.${i}`,
        reason: 'oidc-provider-unknown',
        message:
          configured.size === 0
            ? 'The portal configures no OpenID Connect provider'
            : `Unknown provider; the portal offers: ${[...configured].join(', ')}`,
      });
    }
  }
  const offered = identity.emailCode || identity.oidcProviders.some((id) => configured.has(id));
  if (identityRequiredBy !== null && !offered) {
    issues.push({
      path: 'body.identity.emailCode',
      reason: 'identity-method-required',
      message:
        identityRequiredBy === 'profile'
          ? 'The jurisdiction profile requires a verified identity: keep at least one method'
          : 'Ratings require a verified identity: keep at least one method, or let ratings be anonymous',
    });
  }
  const max = limits.attachments;
  if (attachments.maxFiles > max.maxFiles) {
    issues.push({
      path: 'body.attachments.maxFiles',
      reason: 'above-portal-limit',
      limit: max.maxFiles,
      message: `The portal allows at most ${max.maxFiles}`,
    });
  }
  if (attachments.maxFileBytes > max.maxFileBytes) {
    issues.push({
      path: 'body.attachments.maxFileBytes',
      reason: 'above-portal-limit',
      limit: max.maxFileBytes,
      message: `The portal allows at most ${max.maxFileBytes} bytes`,
    });
  }
  for (const [i, type] of (patch.attachments?.mediaTypes ?? []).entries()) {
    if (!max.mediaTypes.includes(type)) {
      issues.push({
        path: `body.attachments.mediaTypes.${i}`,
        reason: 'media-type-not-taken',
        message: `Not taken by the portal; it takes: ${max.mediaTypes.join(', ')}`,
      });
    }
  }
  if (issues.length > 0) throw new ProblemError(422, 'validation-failed', 'Invalid body', issues);

  await ensureAppealSettingsRow(tx, current.organizationId);
  await tx.query(
    `UPDATE organization_appeal_settings SET email_code = $2, attachment_max_files = $3,
       attachment_max_bytes = $4, attachment_types = $5 WHERE organization_id = $1`,
    [
      current.organizationId,
      identity.emailCode,
      attachments.maxFiles,
      attachments.maxFileBytes,
      [...new Set(attachments.mediaTypes)],
    ],
  );
  if (patch.identity?.oidcProviders !== undefined) {
    await tx.query('DELETE FROM organization_oidc_providers WHERE organization_id = $1', [
      current.organizationId,
    ]);
    for (const id of new Set(patch.identity.oidcProviders)) {
      await tx.query(
        'INSERT INTO organization_oidc_providers (organization_id, provider_id) VALUES ($1, $2)',
        [current.organizationId, id],
      );
    }
  }
}
