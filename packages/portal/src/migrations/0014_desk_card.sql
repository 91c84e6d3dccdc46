-- The appeal card: assignment, internal notes, presence, duplicates, the answer's draft and its
-- approval, staff-only history and the organisation's answer templates.

ALTER TABLE appeals ADD COLUMN executor_id uuid REFERENCES people (id) ON DELETE SET NULL;
ALTER TABLE appeals ADD COLUMN internal_due_date date;
-- A duplicate points at the appeal whose answer it shares.
ALTER TABLE appeals ADD COLUMN duplicate_of uuid REFERENCES appeals (id) ON DELETE SET NULL;
CREATE INDEX appeals_executor_idx ON appeals (executor_id) WHERE executor_id IS NOT NULL;
CREATE INDEX appeals_duplicate_of_idx ON appeals (duplicate_of) WHERE duplicate_of IS NOT NULL;
CREATE INDEX appeals_applicant_email_idx ON appeals (organization_id, applicant_email);

-- Internal notes: staff only, never shown or mailed to the applicant.
CREATE TABLE appeal_notes (
  id         uuid PRIMARY KEY,
  appeal_id  uuid NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
  author_id  uuid REFERENCES people (id) ON DELETE SET NULL,
  author     text,
  text       text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appeal_notes_appeal_idx ON appeal_notes (appeal_id, at);

-- Who has a card open (refreshed while it stays open; stale after two minutes).
CREATE TABLE appeal_presence (
  appeal_id uuid NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  seen_at   timestamptz NOT NULL,
  PRIMARY KEY (appeal_id, person_id)
);

-- The answer in preparation: one per appeal.
CREATE TABLE answer_drafts (
  appeal_id      uuid PRIMARY KEY REFERENCES appeals (id) ON DELETE CASCADE,
  state          text NOT NULL CHECK (state IN ('draft', 'on_approval', 'returned', 'approved')),
  result         text CHECK (result IN ('supported', 'supported_measures_taken', 'not_supported', 'explained')),
  text           text NOT NULL DEFAULT '',
  author_id      uuid REFERENCES people (id) ON DELETE SET NULL,
  author         text,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  return_comment text,
  approved_by_id uuid REFERENCES people (id) ON DELETE SET NULL,
  approved_by    text,
  approved_at    timestamptz
);

-- Staff-only history (the applicant's history stays in appeal_events): who did what, when.
CREATE TABLE desk_events (
  id        bigserial PRIMARY KEY,
  appeal_id uuid NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
  kind      text NOT NULL,
  actor_id  uuid REFERENCES people (id) ON DELETE SET NULL,
  actor     text,
  note      text,
  at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX desk_events_appeal_idx ON desk_events (appeal_id, at);

-- The organisation's library of answer templates with {placeholders}.
CREATE TABLE answer_templates (
  id              uuid PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  language        text NOT NULL CHECK (language IN ('ru', 'be', 'en')),
  result          text CHECK (result IN ('supported', 'supported_measures_taken', 'not_supported', 'explained')),
  body            text NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX answer_templates_organization_idx ON answer_templates (organization_id, title);

-- What a member of staff wants by mail (no row: everything, at once).
CREATE TABLE staff_mail_preferences (
  person_id       uuid PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
  new_appeal      boolean NOT NULL DEFAULT true,
  applicant_wrote boolean NOT NULL DEFAULT true,
  due_soon        boolean NOT NULL DEFAULT true,
  overdue         boolean NOT NULL DEFAULT true,
  -- One mail a day with everything instead of a mail per run.
  daily_digest    boolean NOT NULL DEFAULT false,
  last_digest_at  timestamptz
);

-- One notice per person, kind, appeal and occasion (`ref`: the message, or the due date it is about).
CREATE TABLE staff_notices (
  id         bigserial PRIMARY KEY,
  person_id  uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  kind       text NOT NULL CHECK (kind IN ('new-appeal', 'applicant-wrote', 'due-soon', 'overdue')),
  appeal_id  uuid NOT NULL REFERENCES appeals (id) ON DELETE CASCADE,
  ref        text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Mailed (alone or in a digest), or dropped by the person's preferences.
  done_at    timestamptz,
  UNIQUE (person_id, kind, appeal_id, ref)
);
CREATE INDEX staff_notices_pending_idx ON staff_notices (person_id) WHERE done_at IS NULL;

-- Files the organisation sends with its answer (the applicant may download them once it is sent).
ALTER TABLE attachments ADD COLUMN for_answer boolean NOT NULL DEFAULT false;
