-- Appeal intake: organisation settings, the applicant's side of an appeal, status history, messages,
-- idempotency records, e-mail verification, proof-of-work replay records, the mail outbox, the staff
-- audit log and per-year registration counters. (0003 is reserved for rate limiting.)

-- Portal-wide values every instance must agree on (e.g. the generated HMAC key when OTKLIK_SECRET is unset).
CREATE TABLE portal_settings (
  key        text PRIMARY KEY,
  value      text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organization_appeal_settings (
  organization_id   text PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  -- form: the widget takes appeals; handoff: it explains that appeals go through a state system.
  mode              text NOT NULL DEFAULT 'form' CHECK (mode IN ('form', 'handoff')),
  handoff_url       text,
  -- [{ "id": "...", "name": "..." }]
  topics            jsonb NOT NULL DEFAULT '[]'::jsonb,
  consent_version   text NOT NULL,
  consent_title     text NOT NULL,
  consent_url       text NOT NULL,
  number_prefix     text NOT NULL DEFAULT 'ОБ' CHECK (length(number_prefix) BETWEEN 1 AND 16),
  -- The page with the status tracker, used for links when the applicant's page is unknown.
  tracking_page_url text,
  CHECK (mode <> 'handoff' OR handoff_url IS NOT NULL)
);

-- Registration numbers: one counter row per organisation and year, taken with a row lock by the
-- INSERT … ON CONFLICT DO UPDATE of the filing transaction, so concurrent filings never collide.
CREATE TABLE appeal_number_counters (
  organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  year            integer NOT NULL,
  last_number     integer NOT NULL,
  PRIMARY KEY (organization_id, year)
);

ALTER TABLE appeals
  -- SHA-256 (hex) of the applicant's access secret; the secret itself is never stored.
  ADD COLUMN access_secret_hash  text,
  ADD COLUMN language            text CHECK (language IN ('ru', 'be', 'en')),
  ADD COLUMN topic_id            text,
  ADD COLUMN identity_method     text,
  ADD COLUMN consent_version     text,
  ADD COLUMN consent_accepted_at timestamptz,
  ADD COLUMN co_authors          jsonb,
  -- The deadline in force as the organisation's calendar date (due_at/extended_until: its end).
  ADD COLUMN due_date            date,
  ADD COLUMN forwarded_to        text,
  ADD COLUMN answer_text         text,
  ADD COLUMN rating              smallint CHECK (rating BETWEEN 1 AND 5),
  ADD COLUMN rating_comment      text,
  ADD COLUMN rated_at            timestamptz,
  ADD COLUMN withdrawn_at        timestamptz,
  ADD COLUMN extensions          integer NOT NULL DEFAULT 0;
CREATE INDEX appeals_org_due_date_idx ON appeals (organization_id, due_date);

-- Status history shown to the applicant (and to staff), with an optional note.
CREATE TABLE appeal_events (
  id         bigserial PRIMARY KEY,
  appeal_id  uuid NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
  status     text NOT NULL,
  note       text,
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appeal_events_appeal_idx ON appeal_events (appeal_id, at);

CREATE TABLE appeal_messages (
  id         uuid PRIMARY KEY,
  appeal_id  uuid NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
  author     text NOT NULL CHECK (author IN ('applicant', 'organization')),
  text       text NOT NULL,
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appeal_messages_appeal_idx ON appeal_messages (appeal_id, at);

-- One row per (scope, Idempotency-Key): taken in the same transaction as the write it guards.
CREATE TABLE idempotency_keys (
  scope           text NOT NULL,
  key             text NOT NULL,
  request_hash    text NOT NULL,
  response_status integer,
  response_body   text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

CREATE TABLE email_verifications (
  id              uuid PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  email           text NOT NULL,
  -- HMAC of the code with the portal key (a bare hash of six digits is trivially reversed).
  code_hash       text NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  verified_at     timestamptz
);
CREATE INDEX email_verifications_org_email_idx ON email_verifications (organization_id, email, created_at);

-- Solved proof-of-work challenges, so each is accepted once; rows may go once expired.
CREATE TABLE pow_spent (
  signature  text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);

-- Transactional outbox: written with the change it reports, delivered by the outbox worker.
CREATE TABLE outbox (
  id              uuid PRIMARY KEY,
  kind            text NOT NULL,
  recipient       text NOT NULL,
  payload         jsonb NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Every staff read and change of an appeal.
CREATE TABLE audit_log (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  actor      uuid REFERENCES api_keys (id) ON DELETE SET NULL,
  organization_id text NOT NULL,
  action     text NOT NULL,
  appeal_id  uuid,
  details    jsonb
);
CREATE INDEX audit_log_appeal_idx ON audit_log (appeal_id, at);
