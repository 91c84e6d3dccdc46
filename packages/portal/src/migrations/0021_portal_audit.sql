-- The portal's own audit log: entries with no organisation (organization_id NULL) are the portal
-- level's — portal administrators signing in and out, and anyone signing in who holds no role in an
-- organisation; organisations created and imported, administrators invited, the classifier imported,
-- calendar days changed. Portal administrators read them; an entry about one organisation names it in
-- details->>'organizationId'.
ALTER TABLE audit_log ALTER COLUMN organization_id DROP NOT NULL;
CREATE INDEX audit_log_portal_idx ON audit_log (id) WHERE organization_id IS NULL;
