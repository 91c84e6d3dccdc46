-- OpenID Connect login as an identity method. Providers (issuer, client id and secret) are portal
-- configuration, never stored here; an organisation turns on the ones it accepts by id.
CREATE TABLE organization_oidc_providers (
  organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  provider_id     text NOT NULL CHECK (provider_id ~ '^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$'),
  PRIMARY KEY (organization_id, provider_id)
);

-- One row per login in progress, so that any instance can finish the flow. Keyed by the SHA-256 of
-- the `state` parameter (the state itself is only in the browser's URL); deleted when used.
CREATE TABLE oidc_login_states (
  state_hash      text PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  provider_id     text NOT NULL,
  -- The widget page's origin: the only target the callback page posts the identity to.
  return_origin   text NOT NULL,
  code_verifier   text NOT NULL,
  nonce           text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL
);
CREATE INDEX oidc_login_states_expires_idx ON oidc_login_states (expires_at);
