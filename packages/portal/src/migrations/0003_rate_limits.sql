-- Rate-limit windows shared by every portal instance (src/abuse/rate-limit.ts, PostgresRateLimitStore).
-- One row per limited key: the hits in its current window and when the window ends. Rows whose window
-- has ended are reused by the next hit or deleted by the store's periodic prune.
-- UNLOGGED: counters are worth no WAL traffic; after a crash they start from zero, which only lets a
-- client make a few extra requests. (Unlogged tables are not copied to replicas; the portal writes
-- and reads them on the primary only.)
CREATE UNLOGGED TABLE rate_limits (
  key      text PRIMARY KEY,
  count    integer NOT NULL CHECK (count > 0),
  reset_at timestamptz NOT NULL
);

CREATE INDEX rate_limits_reset_at ON rate_limits (reset_at);
