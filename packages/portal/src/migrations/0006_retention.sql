-- Personal-data retention (152-ФЗ, 99-З): appeals keep their statistics after the personal data is
-- erased, and every run records what it removed.
ALTER TABLE appeals ADD COLUMN personal_data_erased_at timestamptz;

CREATE TABLE retention_runs (
  id                        bigserial PRIMARY KEY,
  ran_at                    timestamptz NOT NULL DEFAULT now(),
  -- Appeals closed before this moment had their personal data erased.
  cutoff                    timestamptz NOT NULL,
  appeals_erased            integer NOT NULL,
  messages_deleted          integer NOT NULL,
  attachments_deleted       integer NOT NULL,
  verifications_deleted     integer NOT NULL,
  idempotency_keys_deleted  integer NOT NULL,
  outbox_deleted            integer NOT NULL
);
