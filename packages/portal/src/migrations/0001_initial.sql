-- Organisations, the origins allowed to embed their widgets, their services, appeals and API keys.

CREATE TABLE organizations (
  id            text PRIMARY KEY CHECK (id ~ '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$'),
  name          text NOT NULL,
  short_name    text,
  country       text NOT NULL CHECK (country IN ('RU', 'BY')),
  jurisdiction  text NOT NULL CHECK (jurisdiction IN ('ru-59fz', 'by-300z', 'generic')),
  sphere        text NOT NULL,
  category      text NOT NULL,
  parent_id     text REFERENCES organizations (id) ON DELETE SET NULL,
  address       text,
  website       text,
  lat           double precision CHECK (lat BETWEEN -90 AND 90),
  lon           double precision CHECK (lon BETWEEN -180 AND 180),
  time_zone     text NOT NULL DEFAULT 'Europe/Moscow',
  languages     text[] NOT NULL DEFAULT ARRAY['ru'],
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((lat IS NULL) = (lon IS NULL)),
  CHECK (cardinality(languages) >= 1 AND languages <@ ARRAY['ru', 'be', 'en'])
);
CREATE INDEX organizations_parent_idx ON organizations (parent_id);
CREATE INDEX organizations_sphere_category_idx ON organizations (sphere, category);

CREATE TABLE organization_origins (
  organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  origin          text NOT NULL,
  PRIMARY KEY (organization_id, origin)
);
-- Directory endpoints ask "does any organisation allow this origin?".
CREATE INDEX organization_origins_origin_idx ON organization_origins (origin);

CREATE TABLE services (
  organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  id              text NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
  name            text NOT NULL,
  description     text,
  position        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (organization_id, id)
);

CREATE TABLE appeals (
  id                          uuid PRIMARY KEY,
  organization_id             text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  registration_number         text NOT NULL,
  type                        text NOT NULL CHECK (type IN ('proposal', 'application', 'complaint')),
  status                      text NOT NULL CHECK (status IN (
                                'registered', 'in_review', 'extended', 'forwarded', 'answered',
                                'left_without_answer', 'withdrawn')),
  result                      text CHECK (result IN (
                                'supported', 'supported_measures_taken', 'not_supported', 'explained')),
  received_at                 timestamptz NOT NULL,
  registered_at               timestamptz NOT NULL,
  due_at                      timestamptz NOT NULL,
  forwarded_at                timestamptz,
  answered_at                 timestamptz,
  closed_at                   timestamptz,
  extended_until              timestamptz,
  left_without_answer_reason  text,
  -- Personal data: nullable so the retention job can erase it and keep the statistics.
  applicant_surname           text,
  applicant_first_name        text,
  applicant_patronymic        text,
  applicant_email             text,
  applicant_postal_address    text,
  text                        text,
  created_at                  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organization_id, registration_number),
  CHECK ((status = 'answered') = (result IS NOT NULL)),
  CHECK (status <> 'answered' OR answered_at IS NOT NULL),
  CHECK (status <> 'forwarded' OR forwarded_at IS NOT NULL),
  CHECK (status <> 'extended' OR extended_until IS NOT NULL),
  CHECK (status <> 'left_without_answer' OR (left_without_answer_reason IS NOT NULL AND closed_at IS NOT NULL))
);
-- The counter filters one organisation by one of these instants within a year.
CREATE INDEX appeals_org_registered_idx ON appeals (organization_id, registered_at);
CREATE INDEX appeals_org_answered_idx ON appeals (organization_id, answered_at) WHERE answered_at IS NOT NULL;
CREATE INDEX appeals_org_forwarded_idx ON appeals (organization_id, forwarded_at) WHERE forwarded_at IS NOT NULL;
CREATE INDEX appeals_org_closed_idx ON appeals (organization_id, closed_at) WHERE closed_at IS NOT NULL;
-- The staff queue: open appeals by deadline.
CREATE INDEX appeals_open_due_idx ON appeals (organization_id, due_at)
  WHERE status IN ('registered', 'in_review', 'extended');

CREATE TABLE api_keys (
  id              uuid PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  -- SHA-256 of the whole key (hex); the key itself is shown once and never stored.
  key_hash        text NOT NULL UNIQUE,
  label           text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_used_at    timestamptz,
  revoked_at      timestamptz
);
