/** The sandbox hospital's SQLite schema: reference data, generated schedules and their timed slots, patients and cards. */
import Database from 'better-sqlite3';

export type HospitalDb = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS hospital (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  name    TEXT NOT NULL,
  level   TEXT NOT NULL,
  address TEXT NOT NULL,
  phone   TEXT NOT NULL,
  intro   TEXT NOT NULL,
  hours   TEXT NOT NULL,
  traffic TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS departments (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  parent_code TEXT REFERENCES departments(code),
  intro       TEXT NOT NULL,
  location    TEXT NOT NULL,
  sort        INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS doctors (
  code         TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  gender       INTEGER NOT NULL CHECK (gender IN (1, 2)),
  title        TEXT NOT NULL,
  dept_code    TEXT NOT NULL REFERENCES departments(code),
  specialty    TEXT NOT NULL,
  intro        TEXT NOT NULL,
  fee_fen      INTEGER NOT NULL CHECK (fee_fen >= 0),
  slot_minutes INTEGER NOT NULL CHECK (slot_minutes > 0),
  sort         INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS doctors_dept ON doctors(dept_code);
-- The doctor's weekly clinic pattern (出诊安排): weekday 0 = Sunday; time_flag 1 morning, 2 afternoon.
CREATE TABLE IF NOT EXISTS doctor_sessions (
  doctor_code TEXT NOT NULL REFERENCES doctors(code),
  weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  time_flag   INTEGER NOT NULL CHECK (time_flag IN (1, 2)),
  PRIMARY KEY (doctor_code, weekday, time_flag)
);
-- One row per hospital date whose schedules exist: a date is generated once, never again.
CREATE TABLE IF NOT EXISTS schedule_dates (
  clinic_date TEXT PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS schedules (
  code        TEXT PRIMARY KEY,
  doctor_code TEXT NOT NULL REFERENCES doctors(code),
  dept_code   TEXT NOT NULL REFERENCES departments(code),
  clinic_date TEXT NOT NULL,
  time_flag   INTEGER NOT NULL CHECK (time_flag IN (1, 2)),
  begin_time  TEXT NOT NULL,
  end_time    TEXT NOT NULL,
  fee_fen     INTEGER NOT NULL CHECK (fee_fen >= 0),
  status      INTEGER NOT NULL CHECK (status IN (0, 1)),
  UNIQUE (doctor_code, clinic_date, time_flag)
);
CREATE INDEX IF NOT EXISTS schedules_date ON schedules(clinic_date);
-- Timed slots (FHIR-aligned states); RemainNum counts the free ones.
CREATE TABLE IF NOT EXISTS slots (
  id            TEXT PRIMARY KEY,
  schedule_code TEXT NOT NULL REFERENCES schedules(code),
  seq           INTEGER NOT NULL,
  begin_time    TEXT NOT NULL,
  end_time      TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('free', 'held', 'booked')),
  UNIQUE (schedule_code, seq)
);
CREATE INDEX IF NOT EXISTS slots_schedule_state ON slots(schedule_code, state);
-- Hospital patients (建档), one per ID number: the UNIQUE constraint is what makes concurrent
-- registrations of one person end as one patient. Times are Shanghai wall time.
CREATE TABLE IF NOT EXISTS patients (
  seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
  patient_id          TEXT NOT NULL UNIQUE CHECK (patient_id GLOB 'P[0-9]*'),
  name                TEXT NOT NULL,
  id_card_no          TEXT NOT NULL UNIQUE,
  -- A kiosk may register a patient without a phone; RegisterPatient always brings one.
  phone               TEXT,
  sex                 INTEGER NOT NULL CHECK (sex IN (1, 2)),
  birth_date          TEXT NOT NULL,
  guardian_name       TEXT,
  guardian_id_card_no TEXT,
  created_at          TEXT NOT NULL
);
-- Hospital cards (就诊卡): state 1 real-name verified, 0 issued but not verified, 2 cancelled/lost.
CREATE TABLE IF NOT EXISTS cards (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  card_no    TEXT NOT NULL UNIQUE,
  patient_id TEXT NOT NULL REFERENCES patients(patient_id),
  state      INTEGER NOT NULL CHECK (state IN (0, 1, 2)),
  issued_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cards_patient ON cards(patient_id);
`;

/** Opens (or creates) the database and makes sure the schema exists. */
export function openDatabase(path: string): HospitalDb {
  const db = new Database(path);
  if (path !== ':memory:' && path !== '') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  return db;
}

export function readMeta(db: HospitalDb, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function writeMeta(db: HospitalDb, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
