-- Staff sign-in with the portal's OpenID Connect provider: one row per sign-in in progress, keyed by
-- the SHA-256 of its `state` (the state itself is only in the browser's URL). Once the provider's code
-- has been exchanged and matched a person, `person_id` is set and only the authenticator's code is
-- awaited (when the person has one); the row is deleted when the session starts or the sign-in fails.
CREATE TABLE staff_oidc_sign_ins (
  state_hash    text PRIMARY KEY,
  -- SHA-256 of the random value in the starting browser's cookie: only that browser may finish the
  -- sign-in (a link with someone else's state and code cannot sign a victim in as its author).
  browser_hash  text NOT NULL,
  code_verifier text NOT NULL,
  nonce         text NOT NULL,
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  person_id     uuid REFERENCES people (id) ON DELETE CASCADE,
  -- Wrong authenticator codes so far (five end the sign-in).
  totp_attempts integer NOT NULL DEFAULT 0
);
CREATE INDEX staff_oidc_sign_ins_expires_idx ON staff_oidc_sign_ins (expires_at);
