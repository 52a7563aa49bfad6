/**
 * Tables of the after-the-visit services (issue 15): satisfaction surveys, fiscal e-invoices and
 * test applications. Created with the rest of the schema (db.ts); new tables only, so they join an
 * existing database without touching what is there.
 */
export const AFTER_VISIT_SCHEMA = `
-- One survey per finished visit (满意度调查); times are Shanghai wall time. invite_at is 19:00 of
-- the visit day (the push), deadline the last instant answers are taken.
CREATE TABLE IF NOT EXISTS surveys (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  survey_no   TEXT NOT NULL UNIQUE,
  visit_no    TEXT NOT NULL UNIQUE REFERENCES visits(visit_no),
  patient_id  TEXT NOT NULL REFERENCES patients(patient_id),
  invite_at   TEXT NOT NULL,
  deadline    TEXT NOT NULL,
  answered_at TEXT
);
CREATE INDEX IF NOT EXISTS surveys_patient ON surveys(patient_id);
CREATE TABLE IF NOT EXISTS survey_answers (
  survey_no   TEXT NOT NULL REFERENCES surveys(survey_no),
  question_id TEXT NOT NULL,
  score       INTEGER CHECK (score BETWEEN 1 AND 5),
  text        TEXT,
  PRIMARY KEY (survey_no, question_id)
);
-- Fiscal e-invoices (医疗电子票据): one per payment the hospital recorded online (the trigger below,
-- in the payment's own transaction, whatever its kind), or per fee taken at a counter (trade_no NULL).
-- The number is the seq; items are read from what was paid for.
CREATE TABLE IF NOT EXISTS invoices (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  patient_id TEXT NOT NULL REFERENCES patients(patient_id),
  trade_no   TEXT UNIQUE,
  biz_type   TEXT NOT NULL,
  ref_no     TEXT,
  total_fee  INTEGER NOT NULL CHECK (total_fee > 0),
  issue_time TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS invoices_patient ON invoices(patient_id);
CREATE TRIGGER IF NOT EXISTS invoice_on_payment AFTER INSERT ON payments BEGIN
  INSERT INTO invoices (patient_id, trade_no, biz_type, total_fee, issue_time)
  VALUES (NEW.patient_id, NEW.trade_no, NEW.biz_type, NEW.total_fee, NEW.pay_time);
END;
-- A payment the hospital lost takes its invoice with it (reconciliation cases).
CREATE TRIGGER IF NOT EXISTS invoice_on_payment_lost AFTER DELETE ON payments BEGIN
  DELETE FROM invoices WHERE trade_no = OLD.trade_no;
END;
-- Test applications (核酸检测): mode 1 single / 2 mixed; status 0 unpaid (online fee due),
-- 1 waiting for sampling, 2 sampled, 3 reported; result 1 negative / 2 positive.
-- phone is the one given at application (a companion's results are found with a code sent to it).
CREATE TABLE IF NOT EXISTS nat_applications (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  application_no TEXT NOT NULL UNIQUE,
  sample_code    TEXT NOT NULL UNIQUE,
  patient_id     TEXT NOT NULL REFERENCES patients(patient_id),
  phone          TEXT NOT NULL,
  mode           INTEGER NOT NULL CHECK (mode IN (1, 2)),
  fee            INTEGER NOT NULL CHECK (fee > 0),
  pay_mode       TEXT NOT NULL CHECK (pay_mode IN ('ONLINE', 'ONSITE')),
  status         INTEGER NOT NULL CHECK (status BETWEEN 0 AND 3),
  result         INTEGER CHECK (result IN (1, 2)),
  trade_no       TEXT UNIQUE,
  receipt_no     TEXT,
  apply_time     TEXT NOT NULL,
  sample_time    TEXT,
  report_time    TEXT
);
CREATE INDEX IF NOT EXISTS nat_patient ON nat_applications(patient_id);
`;
