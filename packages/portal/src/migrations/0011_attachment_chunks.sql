-- File contents in chunks of at most 1 MiB: no statement carries a whole file, so an embedded
-- database (PGlite, WASM) never grows its memory by the size of the files in flight. Rows written
-- before keep their content in attachments.content; new rows leave it NULL.
CREATE TABLE attachment_chunks (
  attachment_id uuid NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
  n             integer NOT NULL CHECK (n >= 0),
  data          bytea NOT NULL CHECK (octet_length(data) BETWEEN 1 AND 1048576),
  PRIMARY KEY (attachment_id, n)
);

ALTER TABLE attachments ALTER COLUMN content DROP NOT NULL;
