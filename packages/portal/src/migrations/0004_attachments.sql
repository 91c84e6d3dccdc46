-- Files attached to appeals and applicant messages. Kept in the database (bytea) rather than on disk:
-- PGlite is one data directory already, and on PostgreSQL every stateless instance sees the same
-- files without a shared volume or object store. Files are small (10 MB by default, 25 MB at most),
-- and each upload is capped by the CHECK below.
CREATE TABLE attachments (
  id                uuid PRIMARY KEY,
  organization_id   text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  -- Set when an appeal (or one of its applicant messages) references the upload; until then it expires.
  appeal_id         uuid REFERENCES appeals (id) ON DELETE CASCADE,
  message_id        uuid REFERENCES appeal_messages (id) ON DELETE CASCADE,
  -- Sanitised display name (no path, no control characters, at most 150 characters).
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 150),
  -- The type detected from the content, never the one the client declared.
  media_type        text NOT NULL,
  size              integer NOT NULL CHECK (size BETWEEN 1 AND 26214400),
  sha256            text NOT NULL,
  content           bytea NOT NULL CHECK (octet_length(content) = size),
  -- SHA-256 (hex) of the token returned to the uploader: it lets them delete the upload before filing.
  upload_token_hash text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  -- An unreferenced upload is deleted after this moment; NULL once attached.
  expires_at        timestamptz,
  CHECK ((appeal_id IS NULL) = (expires_at IS NOT NULL)),
  CHECK (message_id IS NULL OR appeal_id IS NOT NULL)
);
CREATE INDEX attachments_appeal_idx ON attachments (appeal_id);
CREATE INDEX attachments_expires_idx ON attachments (expires_at) WHERE expires_at IS NOT NULL;
