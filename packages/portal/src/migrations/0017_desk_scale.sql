-- The desk and rating analytics at scale (issues 11 and 12; EXPLAIN ANALYZE on the benchmark sets).

-- The queue searches one organisation's appeals. A GIN index on the search document alone made a
-- common word ("столовой": 42,000 appeals in the region) cost a bitmap of every match in the
-- region, ANDed with the organisation's 500 rows: 24 ms per query, twice per page (the count and
-- the rows). With the organisation as the GIN index's first column (btree_gin: a trusted extension
-- on PostgreSQL, bundled with PGlite) the scan intersects the two posting lists inside the index.
CREATE EXTENSION IF NOT EXISTS btree_gin;
DROP INDEX IF EXISTS appeals_search_idx;
CREATE INDEX appeals_org_search_idx ON appeals USING gin (organization_id, search_document);

-- Rating comments of a department and everything below it (issue 12: 300 schools, 6,000 ratings of
-- which 850 have a comment), newest first, 20 a page: the count and the page's ids come from this
-- index alone instead of every rating of the 300 schools read from the heap and filtered.
CREATE INDEX ratings_comments_idx ON ratings (organization_id, created_at DESC, id DESC) INCLUDE (rated_on)
  WHERE comment IS NOT NULL AND comment <> '';
