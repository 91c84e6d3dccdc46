-- Ratings in the personal-data retention: free-text comments past the retention period and rater keys
-- no longer needed by the one-rating-per-day rule are erased, and every run records how many.
ALTER TABLE retention_runs
  ADD COLUMN rating_comments_erased integer NOT NULL DEFAULT 0,
  ADD COLUMN rater_keys_erased      integer NOT NULL DEFAULT 0;
