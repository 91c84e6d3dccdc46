-- Reports and integrations: the thematic classifier of appeals (the all-Russian standard list of
-- sections, themes, subjects and questions, four levels, e.g. 0005.0005.0056.1149) with each
-- organisation's topics mapped to a code, and webhooks that tell document management systems about
-- appeal events (a transactional outbox filled by triggers, delivered and retried by a worker).

-- The classifier as data. Only a representative part ships here (the five sections and the theme of
-- education); the portal administrator imports the full official list as CSV (code;title).
CREATE TABLE appeal_classifier (
  code        text PRIMARY KEY CHECK (code ~ '^\d{4}\.\d{4}\.\d{4}\.\d{4}$'),
  -- 1 section, 2 theme, 3 subject, 4 question: the depth of the last group that is not 0000.
  level       smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
  imported_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO appeal_classifier (code, level, title) VALUES
  ('0001.0000.0000.0000', 1, 'Государство, общество, политика'),
  ('0002.0000.0000.0000', 1, 'Социальная сфера'),
  ('0003.0000.0000.0000', 1, 'Экономика'),
  ('0004.0000.0000.0000', 1, 'Оборона, безопасность, законность'),
  ('0005.0000.0000.0000', 1, 'Жилищно-коммунальная сфера'),
  ('0002.0013.0000.0000', 2, 'Образование. Наука. Культура');

-- The classifier code of each topic of an organisation (a topic without one is reported as not
-- classified). Kept apart from the topics so the legacy topics of organization_appeal_settings map too.
CREATE TABLE topic_classifier_codes (
  organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  topic_id        text NOT NULL,
  code            text NOT NULL REFERENCES appeal_classifier (code),
  PRIMARY KEY (organization_id, topic_id)
);

-- An organisation's webhooks: where appeal events go, signed with the hook's own secret (sealed with
-- the portal's key ring, never stored in plain text).
CREATE TABLE webhooks (
  id              uuid PRIMARY KEY,
  organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  url             text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
  -- Any of: appeal.filed, appeal.status_changed, appeal.answered, appeal.message
  events          text[] NOT NULL CHECK (cardinality(events) >= 1 AND events <@ ARRAY[
                    'appeal.filed', 'appeal.status_changed', 'appeal.answered', 'appeal.message']),
  description     text,
  secret_sealed   text NOT NULL,
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhooks_org_idx ON webhooks (organization_id);

-- One row per event and hook, written by the triggers below in the transaction of the change itself:
-- a delivery exists exactly when the event does. The worker sends it, retries with backoff, and
-- keeps the last response. The payload carries ids and statuses only, no personal data (a document
-- system fetches the appeal with an API key).
CREATE TABLE webhook_deliveries (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  webhook_id      uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  event_id        text NOT NULL,
  event           text NOT NULL,
  payload         jsonb NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz,
  last_status     integer,
  last_error      text,
  last_attempt_at timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL;
CREATE INDEX webhook_deliveries_hook_idx ON webhook_deliveries (webhook_id, created_at);

CREATE FUNCTION otklik_webhook_enqueue(p_appeal uuid, p_event text, p_event_id text, p_extra jsonb, p_at timestamptz, p_status text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO webhook_deliveries (webhook_id, event_id, event, payload)
  SELECT w.id, p_event_id, p_event, jsonb_build_object(
      'id', p_event_id,
      'event', p_event,
      'occurredAt', to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'organizationId', a.organization_id,
      'appeal', jsonb_build_object(
        'id', a.id, 'registrationNumber', a.registration_number, 'type', a.type,
        'status', COALESCE(p_status, a.status), 'result', a.result, 'dueDate', a.due_date)) || p_extra
  FROM appeals a JOIN webhooks w ON w.organization_id = a.organization_id
  WHERE a.id = p_appeal AND w.active AND p_event = ANY (w.events)
  ON CONFLICT (webhook_id, event_id) DO NOTHING;
END $$;

CREATE FUNCTION otklik_webhook_on_appeal_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM otklik_webhook_enqueue(NEW.appeal_id,
    CASE NEW.status WHEN 'registered' THEN 'appeal.filed'
                    WHEN 'answered' THEN 'appeal.answered'
                    ELSE 'appeal.status_changed' END,
    'appeal-event-' || NEW.id, '{}'::jsonb, NEW.at, NEW.status);
  RETURN NULL;
END $$;
CREATE TRIGGER webhook_appeal_events AFTER INSERT ON appeal_events
  FOR EACH ROW EXECUTE FUNCTION otklik_webhook_on_appeal_event();

CREATE FUNCTION otklik_webhook_on_appeal_message() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.author = 'applicant' THEN
    PERFORM otklik_webhook_enqueue(NEW.appeal_id, 'appeal.message', 'appeal-message-' || NEW.id,
      jsonb_build_object('messageId', NEW.id), NEW.at, NULL);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER webhook_appeal_messages AFTER INSERT ON appeal_messages
  FOR EACH ROW EXECUTE FUNCTION otklik_webhook_on_appeal_message();
