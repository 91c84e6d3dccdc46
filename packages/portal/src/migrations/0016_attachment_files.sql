-- Where a file's content lives. A PGlite portal with a data directory keeps it as a file named by
-- its SHA-256 beside the data directory (db/file-store.ts): writing 10 MB through PGlite's single
-- WASM thread took seconds. Otherwise (PostgreSQL, in-memory PGlite) it stays in attachment_chunks.
ALTER TABLE attachments ADD COLUMN in_file_store boolean NOT NULL DEFAULT false;
-- The sweep asks which stored files rows still reference.
CREATE INDEX attachments_file_store_sha256 ON attachments (sha256) WHERE in_file_store;

-- Chunks are stored as they are, out of line, without PostgreSQL's compression (pglz): PDFs, JPEGs,
-- PNGs and DOCX files are compressed already, so pglz saves nothing on them, while a file that does
-- compress (10 MB of one repeated character) made the database compress every 1 MiB chunk.
-- Applies to chunks written from now on.
ALTER TABLE attachment_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
