-- Calendars of non-working days per country (data the portal administrator edits), and the staff
-- queue's full-text search.

-- Departures from the country's Monday-to-Friday week: a weekday that is not worked (`holiday`: a
-- public holiday; `day_off`: a day off moved by a transfer) or a Saturday/Sunday that is (`working`).
-- Holidays that fall on a weekend need no row. Seeded for RU (government decrees on transfers; 2027
-- by the Labour Code, art. 112, until its decree is entered) and BY (public holidays and the Council
-- of Ministers' transfers) for 2025-2027.
CREATE TABLE calendar_days (
  country     text NOT NULL CHECK (country IN ('RU', 'BY')),
  day         date NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('holiday', 'day_off', 'working')),
  note        text NOT NULL DEFAULT '',
  updated_at  timestamptz NOT NULL DEFAULT now(),
  -- The portal administrator who last changed the day (null: seeded).
  updated_by  uuid REFERENCES people (id) ON DELETE SET NULL,
  PRIMARY KEY (country, day),
  -- 0 = Sunday, 6 = Saturday.
  CHECK ((kind = 'working') = (extract(dow FROM day) IN (0, 6)))
);

INSERT INTO calendar_days (country, day, kind, note) VALUES
  ('BY', '2025-01-01', 'holiday', 'Новый год'),
  ('BY', '2025-01-02', 'holiday', 'Новый год'),
  ('BY', '2025-01-06', 'day_off', 'Перенос на 11.01'),
  ('BY', '2025-01-07', 'holiday', 'Рождество Христово (православное)'),
  ('BY', '2025-01-11', 'working', 'Рабочая суббота (перенос на 06.01)'),
  ('BY', '2025-04-26', 'working', 'Рабочая суббота (перенос на 28.04)'),
  ('BY', '2025-04-28', 'day_off', 'Перенос на 26.04'),
  ('BY', '2025-04-29', 'holiday', 'Радуница'),
  ('BY', '2025-05-01', 'holiday', 'Праздник труда'),
  ('BY', '2025-05-09', 'holiday', 'День Победы'),
  ('BY', '2025-07-03', 'holiday', 'День Независимости'),
  ('BY', '2025-07-04', 'day_off', 'Перенос на 12.07'),
  ('BY', '2025-07-12', 'working', 'Рабочая суббота (перенос на 04.07)'),
  ('BY', '2025-11-07', 'holiday', 'День Октябрьской революции'),
  ('BY', '2025-12-20', 'working', 'Рабочая суббота (перенос на 26.12)'),
  ('BY', '2025-12-25', 'holiday', 'Рождество Христово (католическое)'),
  ('BY', '2025-12-26', 'day_off', 'Перенос на 20.12'),
  ('BY', '2026-01-01', 'holiday', 'Новый год'),
  ('BY', '2026-01-02', 'holiday', 'Новый год'),
  ('BY', '2026-01-06', 'day_off', 'Перенос на 10.01'),
  ('BY', '2026-01-07', 'holiday', 'Рождество Христово (православное)'),
  ('BY', '2026-01-10', 'working', 'Рабочая суббота (перенос на 06.01)'),
  ('BY', '2026-04-20', 'day_off', 'Перенос на 25.04'),
  ('BY', '2026-04-21', 'holiday', 'Радуница'),
  ('BY', '2026-04-25', 'working', 'Рабочая суббота (перенос на 20.04)'),
  ('BY', '2026-05-01', 'holiday', 'Праздник труда'),
  ('BY', '2026-07-03', 'holiday', 'День Независимости'),
  ('BY', '2026-12-25', 'holiday', 'Рождество Христово (католическое)'),
  ('BY', '2027-01-01', 'holiday', 'Новый год'),
  ('BY', '2027-01-07', 'holiday', 'Рождество Христово (православное)'),
  ('BY', '2027-03-08', 'holiday', 'День женщин'),
  ('BY', '2027-05-11', 'holiday', 'Радуница'),
  ('RU', '2025-01-01', 'holiday', 'Новогодние каникулы / Рождество'),
  ('RU', '2025-01-02', 'holiday', 'Новогодние каникулы / Рождество'),
  ('RU', '2025-01-03', 'holiday', 'Новогодние каникулы / Рождество'),
  ('RU', '2025-01-06', 'holiday', 'Новогодние каникулы / Рождество'),
  ('RU', '2025-01-07', 'holiday', 'Новогодние каникулы / Рождество'),
  ('RU', '2025-01-08', 'holiday', 'Новогодние каникулы / Рождество'),
  ('RU', '2025-05-01', 'holiday', 'Праздник Весны и Труда'),
  ('RU', '2025-05-02', 'day_off', 'Перенос с 4 января'),
  ('RU', '2025-05-08', 'day_off', 'Перенос с 23 февраля'),
  ('RU', '2025-05-09', 'holiday', 'День Победы'),
  ('RU', '2025-06-12', 'holiday', 'День России'),
  ('RU', '2025-06-13', 'day_off', 'Перенос с 8 марта'),
  ('RU', '2025-11-01', 'working', 'Рабочая суббота (перенос на 3 ноября)'),
  ('RU', '2025-11-03', 'day_off', 'Перенос с 1 ноября'),
  ('RU', '2025-11-04', 'holiday', 'День народного единства'),
  ('RU', '2025-12-31', 'day_off', 'Перенос с 5 января'),
  ('RU', '2026-01-01', 'holiday', 'Новогодние каникулы / Рождество'),
  ('RU', '2026-01-02', 'holiday', 'Новогодние каникулы / Рождество'),
  ('RU', '2026-01-05', 'holiday', 'Новогодние каникулы / Рождество'),
  ('RU', '2026-01-06', 'holiday', 'Новогодние каникулы / Рождество'),
  ('RU', '2026-01-07', 'holiday', 'Новогодние каникулы / Рождество'),
  ('RU', '2026-01-08', 'holiday', 'Новогодние каникулы / Рождество'),
  ('RU', '2026-01-09', 'day_off', 'Перенос с 3 января'),
  ('RU', '2026-02-23', 'holiday', 'День защитника Отечества'),
  ('RU', '2026-03-09', 'day_off', 'Перенос с 8 марта'),
  ('RU', '2026-05-01', 'holiday', 'Праздник Весны и Труда'),
  ('RU', '2026-05-11', 'day_off', 'Перенос с 9 мая'),
  ('RU', '2026-06-12', 'holiday', 'День России'),
  ('RU', '2026-11-04', 'holiday', 'День народного единства'),
  ('RU', '2026-12-31', 'day_off', 'Перенос с 4 января'),
  ('RU', '2027-01-01', 'holiday', 'Новогодние каникулы / Рождество'),
  ('RU', '2027-01-04', 'holiday', 'Новогодние каникулы / Рождество'),
  ('RU', '2027-01-05', 'holiday', 'Новогодние каникулы / Рождество'),
  ('RU', '2027-01-06', 'holiday', 'Новогодние каникулы / Рождество'),
  ('RU', '2027-01-07', 'holiday', 'Новогодние каникулы / Рождество'),
  ('RU', '2027-01-08', 'holiday', 'Новогодние каникулы / Рождество'),
  ('RU', '2027-02-23', 'holiday', 'День защитника Отечества'),
  ('RU', '2027-03-08', 'holiday', 'Международный женский день'),
  ('RU', '2027-05-03', 'day_off', 'Перенос с 1 мая (ТК РФ ст. 112)'),
  ('RU', '2027-05-10', 'day_off', 'Перенос с 9 мая (ТК РФ ст. 112)'),
  ('RU', '2027-06-14', 'day_off', 'Перенос с 12 июня (ТК РФ ст. 112)'),
  ('RU', '2027-11-04', 'holiday', 'День народного единства');

-- Full-text search over the number, the applicant's name and the text, with Russian stemming. The
-- number and the name weigh more than the text. Erased personal data leaves nothing to find.
ALTER TABLE appeals ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('russian', coalesce(registration_number, '') || ' ' ||
    coalesce(applicant_surname, '') || ' ' || coalesce(applicant_first_name, '') || ' ' ||
    coalesce(applicant_patronymic, '')), 'A') ||
  setweight(to_tsvector('russian', coalesce(text, '')), 'D')
) STORED;
CREATE INDEX appeals_search_idx ON appeals USING gin (search_document);
-- The queue's filters by status within an organisation, in deadline order.
CREATE INDEX appeals_org_status_due_idx ON appeals (organization_id, status, due_date);
