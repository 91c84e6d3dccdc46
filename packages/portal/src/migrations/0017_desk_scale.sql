-- The desk at regional scale (issue 11; EXPLAIN ANALYZE on the 500,000-appeal benchmark set).

-- The queue searches one organisation's appeals. A GIN index on the search document alone made a
-- common word ("столовой": 42,000 appeals in the region) cost a bitmap of every match in the
-- region, ANDed with the organisation's 500 rows: 24 ms per query, twice per page (the count and
-- the rows). With the organisation as the GIN index's first column (btree_gin: a trusted extension
-- on PostgreSQL, bundled with PGlite) the scan intersects the two posting lists inside the index.
CREATE EXTENSION IF NOT EXISTS btree_gin;
DROP INDEX IF EXISTS appeals_search_idx;
CREATE INDEX appeals_org_search_idx ON appeals USING gin (organization_id, search_document);
