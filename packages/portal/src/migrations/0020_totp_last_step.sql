-- RFC 6238 §5.2: an authenticator code is accepted once. The last accepted time step is kept so the
-- same code (or an older one still inside the clock-drift window) cannot sign in a second time.
ALTER TABLE people ADD COLUMN totp_last_step bigint;
