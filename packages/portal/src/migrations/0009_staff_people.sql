-- Staff are people: accounts signed in with an e-mail code (and a TOTP second factor), their roles in
-- organisations, portal administrators, console sessions and invitations.

CREATE TABLE people (
  id           uuid PRIMARY KEY,
  -- Lower-case, trimmed: one account per address.
  email        text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  display_name text NOT NULL DEFAULT '' CHECK (length(display_name) <= 200),
  -- AES-256-GCM of the base32 secret under a key derived from the portal's key ring (iv.tag.data).
  totp_secret  text,
  -- Set once the person has proved the authenticator works; until then the secret is pending.
  totp_enabled_at timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- A role held in an organisation; `subtree` reaches the organisations below it for figures.
CREATE TABLE memberships (
  person_id       uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  role            text NOT NULL
    CHECK (role IN ('administrator', 'coordinator', 'executor', 'approver', 'analyst')),
  subtree         boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, organization_id, role)
);
CREATE INDEX memberships_organization_idx ON memberships (organization_id);

-- The region or body that hosts the portal: creates organisations and invites their administrators.
CREATE TABLE portal_administrators (
  person_id  uuid PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Console sessions. Only an HMAC of the token is kept; the cookie carries the token itself.
CREATE TABLE staff_sessions (
  id           uuid PRIMARY KEY,
  token_hash   text NOT NULL UNIQUE,
  person_id    uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX staff_sessions_person_idx ON staff_sessions (person_id);

-- A staff sign-in in progress: the e-mail code (HMAC), its attempts, the address it was sent to.
CREATE TABLE staff_sign_ins (
  id         uuid PRIMARY KEY,
  email      text NOT NULL,
  code_hash  text NOT NULL,
  attempts   integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE INDEX staff_sign_ins_email_idx ON staff_sign_ins (email, created_at);

-- Invitations to a role (or to administer the portal); the link carries the token, only its HMAC here.
CREATE TABLE invitations (
  id              uuid PRIMARY KEY,
  token_hash      text NOT NULL UNIQUE,
  email           text NOT NULL CHECK (email = lower(email)),
  organization_id text REFERENCES organizations (id) ON DELETE CASCADE,
  role            text NOT NULL
    CHECK (role IN ('administrator', 'coordinator', 'executor', 'approver', 'analyst')),
  subtree         boolean NOT NULL DEFAULT false,
  invited_by      uuid REFERENCES people (id) ON DELETE SET NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  accepted_at     timestamptz
);
CREATE INDEX invitations_organization_idx ON invitations (organization_id);

ALTER TABLE organizations ADD COLUMN require_totp boolean NOT NULL DEFAULT false;
ALTER TABLE organizations ADD COLUMN contact_email text;

-- The person behind a staff call (API-key calls keep `actor`).
ALTER TABLE audit_log ADD COLUMN person_id uuid REFERENCES people (id) ON DELETE SET NULL;
CREATE INDEX audit_log_organization_idx ON audit_log (organization_id, id);
