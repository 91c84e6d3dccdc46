-- Service-quality rating: criteria sets as data, per-organisation rating settings, ratings with their
-- scores, and aggregates kept in step with every insert so that badges, rankings and analytics read a
-- few rows per organisation instead of scanning ratings (13,000 organisations, 250,000 ratings).
--
-- Aggregates (rating_months, rating_criterion_months, rating_period_totals) are derived data: the portal
-- upserts them in the transaction that inserts the rating (store/rating-aggregates.ts). Whoever
-- loads ratings in bulk may fill them the same way or insert ratings only and then call
-- rebuildRatingAggregates() from that module, which recomputes them from ratings and rating_scores.

-- Names of spheres and categories for the search filters. organizations.sphere/category stay free
-- text (a sphere without a row here is shown by its id).
CREATE TABLE spheres (
  id        text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{0,39}$'),
  name      jsonb NOT NULL,   -- {"ru": "...", "be": "...", "en": "..."}
  position  integer NOT NULL DEFAULT 0
);
CREATE TABLE categories (
  sphere_id text NOT NULL REFERENCES spheres (id) ON DELETE CASCADE,
  id        text NOT NULL CHECK (id ~ '^[a-z][a-z0-9-]{0,39}$'),
  name      jsonb NOT NULL,
  position  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (sphere_id, id)
);
-- Ranking within a sphere selects one country's organisations of one sphere and category.
CREATE INDEX organizations_country_sphere_category_idx ON organizations (country, sphere, category);

-- A criteria set: built in (organization_id NULL) or an organisation's own.
CREATE TABLE criteria_sets (
  id              text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{0,39}$'),
  name            jsonb NOT NULL,
  organization_id text REFERENCES organizations (id) ON DELETE CASCADE
);
CREATE TABLE criteria (
  set_id    text NOT NULL REFERENCES criteria_sets (id) ON DELETE CASCADE,
  id        text NOT NULL CHECK (id ~ '^[a-z][a-z0-9-]{0,39}$'),
  label     jsonb NOT NULL,
  position  integer NOT NULL,
  PRIMARY KEY (set_id, id)
);

INSERT INTO criteria_sets (id, name) VALUES
  ('by-base', '{"ru": "Базовые критерии качество-услуг.бел", "be": "Базавыя крытэрыі якасць-паслуг.бел", "en": "Base criteria of kachestvo-uslug.by"}'),
  ('ru-nok', '{"ru": "Критерии независимой оценки качества (НОК)", "en": "Independent quality assessment criteria (NOK)"}');
INSERT INTO criteria (set_id, id, label, position) VALUES
  ('by-base', 'simplicity', '{"ru": "Простота и понятность процедуры", "be": "Прастата і зразумеласць працэдуры", "en": "Simplicity and clarity of the procedure"}', 1),
  ('by-base', 'information', '{"ru": "Доступность информации о порядке получения услуги", "be": "Даступнасць інфармацыі аб парадку атрымання паслугі", "en": "Availability of information on the procedure"}', 2),
  ('by-base', 'term', '{"ru": "Соблюдение установленного срока", "be": "Выкананне ўстаноўленага тэрміну", "en": "Meeting the established term"}', 3),
  ('by-base', 'courtesy', '{"ru": "Вежливость и доброжелательность работников", "be": "Ветлівасць і добразычлівасць работнікаў", "en": "Courtesy and goodwill of staff"}', 4),
  ('ru-nok', 'openness', '{"ru": "Открытость и доступность информации об организации", "en": "Openness and availability of information about the organisation"}', 1),
  ('ru-nok', 'comfort', '{"ru": "Комфортность условий предоставления услуг", "en": "Comfort of the conditions in which services are provided"}', 2),
  ('ru-nok', 'accessibility', '{"ru": "Доступность услуг для инвалидов", "en": "Accessibility of services for people with disabilities"}', 3),
  ('ru-nok', 'courtesy', '{"ru": "Доброжелательность и вежливость работников", "en": "Goodwill and courtesy of staff"}', 4),
  ('ru-nok', 'satisfaction', '{"ru": "Удовлетворённость условиями оказания услуг", "en": "Satisfaction with the conditions of service"}', 5);

-- Organisations without a row take the defaults: enabled, the set of their country (BY: by-base,
-- RU: ru-nok), 90 days back, 1000 characters of comment, anonymous.
CREATE TABLE organization_rating_settings (
  organization_id           text PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  enabled                   boolean NOT NULL DEFAULT true,
  criteria_set_id           text NOT NULL REFERENCES criteria_sets (id),
  service_date_max_age_days integer NOT NULL DEFAULT 90 CHECK (service_date_max_age_days BETWEEN 0 AND 3650),
  comment_max_length        integer NOT NULL DEFAULT 1000 CHECK (comment_max_length BETWEEN 0 AND 5000),
  identification            text NOT NULL DEFAULT 'anonymous'
                              CHECK (identification IN ('anonymous', 'optional', 'required')),
  rating_page_url           text
);

CREATE TABLE ratings (
  id               uuid PRIMARY KEY,
  organization_id  text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  service_id       text NOT NULL,
  service_date     date NOT NULL,
  criteria_set_id  text NOT NULL REFERENCES criteria_sets (id),
  -- Sum and number of the scores: the rating's mean is score_sum / score_count.
  score_sum        integer NOT NULL,
  score_count      integer NOT NULL CHECK (score_count BETWEEN 1 AND 10),
  comment          text,
  identified       boolean NOT NULL,
  -- Keyed hash (HMAC) of the verified e-mail, or of the device id when anonymous: never the value.
  rater_key        text NOT NULL,
  -- The organisation's local date of the rating: the day of the one-rating-per-day rule.
  rated_on         date NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (score_sum BETWEEN score_count AND 5 * score_count),
  -- One rating per person (or device) per service per day.
  UNIQUE (organization_id, service_id, rater_key, rated_on)
);
CREATE INDEX ratings_org_created_idx ON ratings (organization_id, created_at DESC);

CREATE TABLE rating_scores (
  rating_id    uuid NOT NULL REFERENCES ratings (id) ON DELETE CASCADE,
  criterion_id text NOT NULL,
  score        smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  PRIMARY KEY (rating_id, criterion_id)
);

-- Per organisation and month of rated_on (first day; rated_on is already the organisation's local
-- date), updated in the same transaction as each insert. ratings = number of ratings; score_sum and
-- score_count = sums of ratings.score_sum / score_count; d1…d5 count ratings whose mean
-- score_sum / score_count rounds half up to 1…5, i.e. (2 * score_sum + score_count) / (2 * score_count)
-- in integer division; last_rated_at = max(created_at). Calendar periods (month, quarter, year) are
-- ranges of these rows (pre-summed in rating_period_totals).
CREATE TABLE rating_months (
  organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  month           date NOT NULL CHECK (extract(day FROM month) = 1),
  ratings         integer NOT NULL,
  score_sum       integer NOT NULL,
  score_count     integer NOT NULL,
  d1 integer NOT NULL DEFAULT 0, d2 integer NOT NULL DEFAULT 0, d3 integer NOT NULL DEFAULT 0,
  d4 integer NOT NULL DEFAULT 0, d5 integer NOT NULL DEFAULT 0,
  last_rated_at   timestamptz NOT NULL,
  PRIMARY KEY (organization_id, month)
);
-- Month rankings read one month across a group's organisations (covering: an index-only scan).
CREATE INDEX rating_months_month_idx ON rating_months (month, organization_id)
  INCLUDE (ratings, score_sum, score_count);

-- Per organisation, month (as in rating_months) and criterion: sum and number of rating_scores.score.
CREATE TABLE rating_criterion_months (
  organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  month           date NOT NULL CHECK (extract(day FROM month) = 1),
  criterion_id    text NOT NULL,
  score_sum       integer NOT NULL,
  score_count     integer NOT NULL,
  PRIMARY KEY (organization_id, month, criterion_id)
);

-- Per organisation and longer period of rated_on: 'all' (every rating), a year ('2025') or a quarter
-- ('2025-Q2'); each row is the sum of the organisation's rating_months rows in that period (columns as
-- there; last_rated_at their maximum). Rankings of a group of thousands then join one row per
-- organisation for any period (months are read from rating_months), never a range of months.
CREATE TABLE rating_period_totals (
  organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  period          text NOT NULL CHECK (period = 'all' OR period ~ '^[0-9]{4}(-Q[1-4])?$'),
  ratings         integer NOT NULL,
  score_sum       integer NOT NULL,
  score_count     integer NOT NULL,
  d1 integer NOT NULL DEFAULT 0, d2 integer NOT NULL DEFAULT 0, d3 integer NOT NULL DEFAULT 0,
  d4 integer NOT NULL DEFAULT 0, d5 integer NOT NULL DEFAULT 0,
  last_rated_at   timestamptz NOT NULL,
  PRIMARY KEY (organization_id, period)
);
-- A ranking reads one period across a group's organisations (covering: an index-only scan).
CREATE INDEX rating_period_totals_period_idx ON rating_period_totals (period, organization_id)
  INCLUDE (ratings, score_sum, score_count);
