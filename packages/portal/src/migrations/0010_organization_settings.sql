-- What an organisation sets for its widgets: contacts, consent documents by version and language,
-- topics in each of its languages, identity methods and attachment rules.

-- `IF NOT EXISTS`: the staff migration may add the contact e-mail too.
ALTER TABLE organizations ADD COLUMN IF NOT EXISTS contact_email text;
ALTER TABLE organizations ADD COLUMN IF NOT EXISTS contact_phone text;

-- Each published version of the personal-data consent document; the newest is current. Versions
-- are never changed once published: an appeal names the version its applicant accepted
-- (appeals.consent_version). Until an organisation publishes one, the legacy columns of
-- organization_appeal_settings stand as its current version.
CREATE TABLE organization_consent_versions (
  organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  version         text NOT NULL CHECK (length(version) BETWEEN 1 AND 32),
  -- Increasing per organisation: the highest is the current version.
  seq             integer NOT NULL CHECK (seq >= 1),
  -- NULL: the document in force before the organisation published versions itself.
  published_at    timestamptz,
  -- { "ru": { "title": "…", "url": "https://…" | null, "text": "…" | null }, "be": … }
  documents       jsonb NOT NULL,
  PRIMARY KEY (organization_id, version),
  UNIQUE (organization_id, seq)
);

-- Topics with a name in each of the organisation's languages. Archived topics are not offered to
-- new appeals and stay on the appeals that carry them. Until an organisation saves a topic, the
-- legacy organization_appeal_settings.topics stand.
CREATE TABLE organization_topics (
  organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  id              text NOT NULL CHECK (id ~ '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$'),
  -- { "ru": "Питание", "be": "Харчаванне" }
  names           jsonb NOT NULL,
  position        integer NOT NULL DEFAULT 0,
  archived_at     timestamptz,
  PRIMARY KEY (organization_id, id)
);

-- Identity methods and attachment rules an organisation chose (NULL: the portal's defaults).
ALTER TABLE organization_appeal_settings
  ADD COLUMN email_code          boolean NOT NULL DEFAULT true,
  ADD COLUMN attachment_max_files integer CHECK (attachment_max_files BETWEEN 0 AND 100),
  ADD COLUMN attachment_max_bytes bigint CHECK (attachment_max_bytes >= 1),
  ADD COLUMN attachment_types     text[];
