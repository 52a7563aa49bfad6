/** The SQLite tables of records and reports (issue 13), created beside the main schema by `openDatabase`. */

export const RECORDS_SCHEMA = `
-- The outpatient record of a visit (门诊病历); diagnoses is a JSON array, the main one first.
CREATE TABLE IF NOT EXISTS visit_records (
  visit_no        TEXT PRIMARY KEY REFERENCES visits(visit_no),
  case_key        TEXT NOT NULL,
  chief_complaint TEXT NOT NULL,
  present_illness TEXT NOT NULL,
  physical_exam   TEXT NOT NULL,
  diagnoses       TEXT NOT NULL,
  advice          TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS prescriptions (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  prescription_no TEXT NOT NULL UNIQUE,
  visit_no        TEXT NOT NULL REFERENCES visits(visit_no),
  patient_id      TEXT NOT NULL REFERENCES patients(patient_id)
);
CREATE INDEX IF NOT EXISTS prescriptions_visit ON prescriptions(visit_no);
CREATE TABLE IF NOT EXISTS prescription_items (
  prescription_no TEXT NOT NULL REFERENCES prescriptions(prescription_no),
  seq             INTEGER NOT NULL,
  drug_name       TEXT NOT NULL,
  spec            TEXT NOT NULL,
  dose            TEXT NOT NULL,
  route           TEXT NOT NULL,
  frequency       TEXT NOT NULL,
  days            INTEGER NOT NULL CHECK (days > 0),
  quantity        INTEGER NOT NULL CHECK (quantity > 0),
  unit            TEXT NOT NULL,
  PRIMARY KEY (prescription_no, seq)
);
-- Report orders: kind lab / exam / pathology; status 0 pending, 1 finished (reported_at set).
-- bill_no is the bill that pays for it: a report is finished only once that bill is paid.
CREATE TABLE IF NOT EXISTS reports (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  report_no   TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('lab', 'exam', 'pathology')),
  item_name   TEXT NOT NULL,
  title       TEXT NOT NULL,
  patient_id  TEXT NOT NULL REFERENCES patients(patient_id),
  visit_no    TEXT NOT NULL REFERENCES visits(visit_no),
  bill_no     TEXT NOT NULL REFERENCES bills(bill_no),
  status      INTEGER NOT NULL CHECK (status IN (0, 1)),
  reported_at TEXT,
  reporter    TEXT,
  reviewer    TEXT,
  specimen    TEXT,
  body_part   TEXT,
  method      TEXT,
  findings    TEXT,
  conclusion  TEXT,
  gross       TEXT,
  microscopic TEXT,
  diagnosis   TEXT,
  CHECK ((status = 1) = (reported_at IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS reports_patient ON reports(patient_id, status);
-- A lab report's results; flag N normal, H high, L low, A abnormal (qualitative); numeric_value for trends.
CREATE TABLE IF NOT EXISTS report_results (
  report_no     TEXT NOT NULL REFERENCES reports(report_no),
  seq           INTEGER NOT NULL,
  item_code     TEXT NOT NULL,
  item_name     TEXT NOT NULL,
  value         TEXT NOT NULL,
  numeric_value REAL,
  unit          TEXT NOT NULL,
  ref_range     TEXT NOT NULL,
  ref_low       REAL,
  ref_high      REAL,
  flag          TEXT NOT NULL CHECK (flag IN ('N', 'H', 'L', 'A')),
  critical      INTEGER NOT NULL CHECK (critical IN (0, 1)),
  PRIMARY KEY (report_no, seq)
);
CREATE INDEX IF NOT EXISTS report_results_item ON report_results(item_code);
`;
