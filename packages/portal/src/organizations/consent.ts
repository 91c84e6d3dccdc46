import type { ConsentVersion, ConsentVersionBody, Language } from '@otklik/client/schemas';
import type * as v from 'valibot';
import { inLanguage, type StoredConsentDocument } from '../appeals/settings.ts';
import type { Queryable } from '../db/types.ts';
import { fieldRefusal, ProblemError } from '../http/problem.ts';

interface VersionRow {
  version: string;
  seq: number;
  published_at: Date | string | null;
  documents: Record<string, StoredConsentDocument> | string;
  appeals: number | string;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/**
 * Every version of the organisation's consent document, newest first. Until it publishes one, the
 * legacy document of its appeal settings is listed as its only version (without a publication time).
 */
export async function listConsentVersions(db: Queryable, organizationId: string): Promise<ConsentVersion[]> {
  const rows = await db.query<VersionRow>(
    `SELECT c.version, c.seq, c.published_at, c.documents,
       (SELECT count(*) FROM appeals a WHERE a.organization_id = c.organization_id
          AND a.consent_version = c.version) AS appeals
     FROM organization_consent_versions c WHERE c.organization_id = $1 ORDER BY c.seq DESC`,
    [organizationId],
  );
  if (rows.length > 0) {
    return rows.map((row, i) => ({
      version: row.version,
      publishedAt: iso(row.published_at),
      current: i === 0,
      documents: json(row.documents) as ConsentVersion['documents'],
      appeals: Number(row.appeals),
    }));
  }
  const legacy = await legacyVersion(db, organizationId);
  return legacy ? [{ ...legacy, current: true }] : [];
}

/** The document of the appeal settings row as a version (the first language of the organisation). */
async function legacyVersion(
  db: Queryable,
  organizationId: string,
): Promise<(Omit<ConsentVersion, 'current'> & { language: string }) | null> {
  const [row] = await db.query<{
    consent_version: string;
    consent_title: string;
    consent_url: string;
    language: string;
    appeals: number | string;
  }>(
    `SELECT s.consent_version, s.consent_title, s.consent_url, o.languages[1] AS language,
       (SELECT count(*) FROM appeals a WHERE a.organization_id = o.id
          AND a.consent_version = s.consent_version) AS appeals
     FROM organizations o JOIN organization_appeal_settings s ON s.organization_id = o.id WHERE o.id = $1`,
    [organizationId],
  );
  if (!row) return null;
  return {
    version: row.consent_version,
    publishedAt: null,
    language: row.language,
    documents: { [row.language]: { title: row.consent_title, url: row.consent_url, text: null } },
    appeals: Number(row.appeals),
  };
}

/**
 * Publishes a new version, current at once; versions are numbered 1, 2, … (skipping a number the
 * legacy document already uses). The first language of the organisation is required. Run it in a
 * transaction.
 */
export async function publishConsentVersion(
  tx: Queryable,
  organizationId: string,
  body: v.InferOutput<typeof ConsentVersionBody>,
  now: Date,
): Promise<ConsentVersion> {
  const [org] = await tx.query<{ languages: Language[] }>(
    'SELECT languages FROM organizations WHERE id = $1 FOR UPDATE',
    [organizationId],
  );
  if (!org) throw new ProblemError(404, 'organization-not-found');
  const first = org.languages[0] as Language;
  const documents = Object.fromEntries(
    Object.entries(body.documents).map(([lang, doc]) => [
      lang,
      { title: doc.title, url: doc.url ?? null, text: doc.text ?? null },
    ]),
  ) as ConsentVersion['documents'];
  if (documents[first] === undefined) {
    throw fieldRefusal(
      'first-language-required',
      `body.documents.${first}`,
      "Required: the organisation's first language",
      'Invalid body',
    );
  }
  const stranger = Object.keys(documents).find((lang) => !org.languages.includes(lang as Language));
  if (stranger !== undefined) {
    throw fieldRefusal(
      'language-not-offered',
      `body.documents.${stranger}`,
      `Not a language of the organisation (${org.languages.join(', ')})`,
      'Invalid body',
    );
  }
  const existing = await tx.query<{ version: string; seq: number }>(
    'SELECT version, seq FROM organization_consent_versions WHERE organization_id = $1',
    [organizationId],
  );
  const taken = new Set(existing.map((r) => r.version));
  let seq = existing.reduce((max, r) => Math.max(max, r.seq), 0);
  if (existing.length === 0) {
    // Keep the document in force until now as the first version, so its appeals still find it.
    const legacy = await legacyVersion(tx, organizationId);
    if (legacy) {
      seq = 1;
      taken.add(legacy.version);
      await tx.query(
        `INSERT INTO organization_consent_versions (organization_id, version, seq, published_at, documents)
         VALUES ($1, $2, 1, NULL, $3)`,
        [organizationId, legacy.version, JSON.stringify(legacy.documents)],
      );
    }
  }
  let number = seq + 1;
  while (taken.has(String(number))) number++;
  const version = String(number);
  await tx.query(
    `INSERT INTO organization_consent_versions (organization_id, version, seq, published_at, documents)
     VALUES ($1, $2, $3, $4, $5)`,
    [organizationId, version, seq + 1, now, JSON.stringify(documents)],
  );
  return { version, publishedAt: now.toISOString(), current: true, documents, appeals: 0 };
}

/** One version's document in one language (for the consent page), or `null`. */
export async function consentDocument(
  db: Queryable,
  organizationId: string,
  version: string,
): Promise<{ documents: Record<string, StoredConsentDocument>; languages: string[]; name: string } | null> {
  const [row] = await db.query<{
    documents: Record<string, StoredConsentDocument> | string;
    languages: string[];
    name: string;
  }>(
    `SELECT c.documents, o.languages, o.name FROM organization_consent_versions c
       JOIN organizations o ON o.id = c.organization_id
     WHERE c.organization_id = $1 AND c.version = $2`,
    [organizationId, version],
  );
  return row ? { documents: json(row.documents), languages: row.languages, name: row.name } : null;
}

/**
 * The document of the version an appeal's applicant accepted, in the appeal's language where given
 * (a document given as text: its portal page, as a path). `null` for an unknown version.
 */
export async function acceptedConsent(
  db: Queryable,
  organizationId: string,
  version: string | null,
  language: string | null,
): Promise<{ title: string; url: string } | null> {
  if (version === null) return null;
  const found = await consentDocument(db, organizationId, version);
  if (found) {
    const chosen = inLanguage(found.documents, language ?? undefined, found.languages);
    if (!chosen) return null;
    const [lang, doc] = chosen;
    return {
      title: doc.title,
      url:
        doc.url ??
        `/consent/${encodeURIComponent(organizationId)}/${encodeURIComponent(version)}?lang=${lang}`,
    };
  }
  const [legacy] = await db.query<{ consent_title: string; consent_url: string }>(
    `SELECT consent_title, consent_url FROM organization_appeal_settings
     WHERE organization_id = $1 AND consent_version = $2`,
    [organizationId, version],
  );
  return legacy ? { title: legacy.consent_title, url: legacy.consent_url } : null;
}
