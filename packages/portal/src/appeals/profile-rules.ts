import type { AppealSubmission, FieldIssue } from '@otklik/client/schemas';
import type * as v from 'valibot';
import { ProblemError } from '../http/problem.ts';
import type { IntakeOrganization } from './settings.ts';

type Submission = v.InferOutput<typeof AppealSubmission>;
const APPLICANT_FIELDS = ['surname', 'firstName', 'patronymic', 'email', 'postalAddress'] as const;

/**
 * Applies the organisation's jurisdiction profile and settings to a submission that already passed
 * the schema. Everything here is read from data (profile, settings), so every profile is enforced by
 * the same code. Throws 422 with one issue per broken rule, or `consent-required`.
 */
export function enforceProfile(org: IntakeOrganization, body: Submission): void {
  const { profile, settings } = org;
  if (settings.mode === 'handoff') {
    throw new ProblemError(
      409,
      'appeals-handed-off',
      `This organisation takes electronic appeals through ${settings.handoffUrl ?? 'another system'}`,
    );
  }
  const issues: FieldIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path: `body.${path}`, message });
  if (!(profile.appealTypes as readonly string[]).includes(body.type))
    add('type', 'This type of appeal is not taken');
  if (
    !(profile.languages as readonly string[]).includes(body.language) ||
    !org.languages.includes(body.language)
  ) {
    add(
      'language',
      `Appeals are taken in: ${profile.languages.filter((l) => org.languages.includes(l)).join(', ')}`,
    );
  }
  for (const field of APPLICANT_FIELDS) {
    const rule = profile.applicant[field];
    const value = body.applicant[field];
    if (rule === 'required' && (value === undefined || value === '')) add(`applicant.${field}`, 'Required');
    if (rule === 'hidden' && value !== undefined) add(`applicant.${field}`, 'This field is not taken');
  }
  if (body.text.length > profile.textMaxLength) {
    add('text', `At most ${profile.textMaxLength} characters`);
  }
  if (body.coAuthors !== undefined && body.coAuthors.length > 0 && !profile.collectiveAllowed) {
    add('coAuthors', 'Collective appeals are not taken');
  }
  if (body.topicId !== undefined && !settings.topics.some((t) => t.id === body.topicId)) {
    add('topicId', 'Unknown topic');
  }
  if (body.attachmentIds.length > settings.attachments.maxFiles) {
    add('attachmentIds', `At most ${settings.attachments.maxFiles} files`);
  }
  if (issues.length > 0)
    throw new ProblemError(422, 'validation-failed', 'The appeal breaks the rules of its profile', issues);
  if (body.consent.version !== settings.consent.version) {
    throw new ProblemError(
      422,
      'consent-required',
      `Accept the current consent document (version ${settings.consent.version})`,
      [{ path: 'body.consent.version', message: `The current version is ${settings.consent.version}` }],
    );
  }
}

/** `pageUrl` when it lies on one of the organisation's allowed origins, else the configured tracking page. */
export function trackingBase(org: IntakeOrganization, pageUrl: string | undefined): string | null {
  for (const candidate of [pageUrl, org.settings.trackingPageUrl]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate);
      if (org.origins.includes(url.origin)) {
        url.hash = '';
        return url.toString();
      }
    } catch {
      // Not a URL: ignored.
    }
  }
  return null;
}
