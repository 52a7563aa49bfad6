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
-- Hospital patients (建档), one per identity document (doc_type 01 居民身份证, 02 出生医学证明,
-- 03 港澳通行证, 04 台湾通行证, 05 护照; id_card_no is the document's number): the UNIQUE constraint
-- is what makes concurrent registrations of one person end as one patient. Times are Shanghai wall time.
CREATE TABLE IF NOT EXISTS patients (
  seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
  patient_id          TEXT NOT NULL UNIQUE CHECK (patient_id GLOB 'P[0-9]*'),
  name                TEXT NOT NULL,
  doc_type            TEXT NOT NULL DEFAULT '01' CHECK (doc_type IN ('01', '02', '03', '04', '05')),
  id_card_no          TEXT NOT NULL,
  -- A kiosk may register a patient without a phone; RegisterPatient always brings one.
  phone               TEXT,
  sex                 INTEGER NOT NULL CHECK (sex IN (1, 2)),
  birth_date          TEXT NOT NULL,
  guardian_name       TEXT,
  guardian_id_card_no TEXT,
  created_at          TEXT NOT NULL,
  UNIQUE (doc_type, id_card_no)
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
-- Outpatient visits (门诊就诊): a finished consultation whose doctor's orders became bills.
CREATE TABLE IF NOT EXISTS visits (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  visit_no    TEXT NOT NULL UNIQUE,
  patient_id  TEXT NOT NULL REFERENCES patients(patient_id),
  visit_date  TEXT NOT NULL,
  dept_code   TEXT NOT NULL REFERENCES departments(code),
  doctor_code TEXT NOT NULL REFERENCES doctors(code),
  created_at  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS visits_patient ON visits(patient_id);
-- Bills (收费单): bill_type 1 drug, 2 exam, 3 lab, 4 treatment; status 0 pending, 1 paid, 2 voided.
-- Amounts are fen; trade_no, receipt_no and paid_at are set only while paid.
CREATE TABLE IF NOT EXISTS bills (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  bill_no    TEXT NOT NULL UNIQUE,
  visit_no   TEXT NOT NULL REFERENCES visits(visit_no),
  patient_id TEXT NOT NULL REFERENCES patients(patient_id),
  bill_type  INTEGER NOT NULL CHECK (bill_type BETWEEN 1 AND 4),
  title      TEXT NOT NULL,
  total_fee  INTEGER NOT NULL CHECK (total_fee > 0),
  status     INTEGER NOT NULL CHECK (status IN (0, 1, 2)),
  trade_no   TEXT,
  receipt_no TEXT,
  paid_at    TEXT,
  CHECK ((status = 1) = (trade_no IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS bills_patient_status ON bills(patient_id, status);
CREATE INDEX IF NOT EXISTS bills_trade ON bills(trade_no);
CREATE TABLE IF NOT EXISTS bill_items (
  bill_no    TEXT NOT NULL REFERENCES bills(bill_no),
  seq        INTEGER NOT NULL,
  item_name  TEXT NOT NULL,
  spec       TEXT NOT NULL,
  quantity   INTEGER NOT NULL CHECK (quantity > 0),
  unit       TEXT NOT NULL,
  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
  amount     INTEGER NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (bill_no, seq)
);
-- Online payments the hospital recorded (for reconciliation). UNIQUE trade_no is what makes
-- ConfirmPayment idempotent; pay_time is Shanghai wall time.
CREATE TABLE IF NOT EXISTS payments (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  trade_no       TEXT NOT NULL UNIQUE,
  transaction_id TEXT NOT NULL,
  patient_id     TEXT NOT NULL REFERENCES patients(patient_id),
  total_fee      INTEGER NOT NULL CHECK (total_fee > 0),
  pay_time       TEXT NOT NULL,
  receipt_no     TEXT NOT NULL UNIQUE,
  -- BILL outpatient bills, REG same-day registration, TAKE an appointment's number taken online,
  -- APPT an appointment's fee paid at booking.
  biz_type       TEXT NOT NULL CHECK (biz_type IN ('BILL', 'REG', 'TAKE', 'APPT'))
);
CREATE INDEX IF NOT EXISTS payments_pay_time ON payments(pay_time);
-- Appointments (预约): status 0 held (fee paid at booking, unpaid until expires_at, epoch ms),
-- 1 booked, 2 checked-in, 3 fulfilled, 4 cancelled (lapsed = 1: a hold that ran out), 5 no-show.
-- trade_no / receipt_no / paid_fee: the fee paid at booking. slot_start (Shanghai wall time
-- 'YYYY-MM-DD HH:mm') lets the no-show sweep run on an index.
CREATE TABLE IF NOT EXISTS appointments (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  appointment_no  TEXT NOT NULL UNIQUE,
  patient_id      TEXT NOT NULL REFERENCES patients(patient_id),
  slot_id         TEXT NOT NULL REFERENCES slots(id),
  schedule_code   TEXT NOT NULL REFERENCES schedules(code),
  slot_start      TEXT NOT NULL,
  status          INTEGER NOT NULL CHECK (status BETWEEN 0 AND 5),
  registration_no TEXT,
  channel         TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  expires_at      INTEGER,
  lapsed          INTEGER NOT NULL DEFAULT 0 CHECK (lapsed IN (0, 1)),
  trade_no        TEXT UNIQUE,
  receipt_no      TEXT,
  paid_fee        INTEGER CHECK (paid_fee > 0),
  refunded_at     TEXT,
  CHECK ((status = 0) = (expires_at IS NOT NULL)),
  CHECK ((trade_no IS NULL) = (paid_fee IS NULL))
);
-- A second guard behind the slot's state: one live appointment per slot, ever.
CREATE UNIQUE INDEX IF NOT EXISTS appointments_live_slot ON appointments(slot_id) WHERE status IN (0, 1, 2, 3);
CREATE INDEX IF NOT EXISTS appointments_patient ON appointments(patient_id);
CREATE INDEX IF NOT EXISTS appointments_due ON appointments(status, slot_start);
CREATE INDEX IF NOT EXISTS appointments_held ON appointments(status, expires_at);
-- Holds (锁号) while a same-day registration is paid: state 0 live, 1 used, 2 lapsed; expires_at epoch ms.
CREATE TABLE IF NOT EXISTS holds (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  hold_no    TEXT NOT NULL UNIQUE,
  patient_id TEXT NOT NULL REFERENCES patients(patient_id),
  slot_id    TEXT NOT NULL REFERENCES slots(id),
  expires_at INTEGER NOT NULL,
  state      INTEGER NOT NULL CHECK (state IN (0, 1, 2))
);
CREATE UNIQUE INDEX IF NOT EXISTS holds_live_slot ON holds(slot_id) WHERE state = 0;
CREATE INDEX IF NOT EXISTS holds_due ON holds(state, expires_at);
-- Registrations (挂号): status 1 paid, 2 refunded, 3 visited; source 1 same-day, 2 take-number.
-- queue_no is the slot's place in its session; checked_in_at / called_at are Shanghai wall times.
CREATE TABLE IF NOT EXISTS registrations (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  registration_no TEXT NOT NULL UNIQUE,
  patient_id      TEXT NOT NULL REFERENCES patients(patient_id),
  slot_id         TEXT NOT NULL REFERENCES slots(id),
  schedule_code   TEXT NOT NULL REFERENCES schedules(code),
  status          INTEGER NOT NULL CHECK (status IN (1, 2, 3)),
  source          INTEGER NOT NULL CHECK (source IN (1, 2)),
  appointment_no  TEXT,
  trade_no        TEXT NOT NULL UNIQUE,
  receipt_no      TEXT NOT NULL,
  fee_fen         INTEGER NOT NULL CHECK (fee_fen >= 0),
  queue_no        INTEGER NOT NULL,
  checked_in_at   TEXT,
  called_at       TEXT,
  refunded_at     TEXT,
  created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS registrations_live_queue ON registrations(schedule_code, queue_no) WHERE status <> 2;
CREATE INDEX IF NOT EXISTS registrations_patient ON registrations(patient_id);
-- Verification codes (短信验证码): a challenge per send, the code kept only as an HMAC. subject is a
-- digest of the person (document) or the phone, details a digest of everything the binding must
-- repeat; deliverable 0 is a decoy (the person's record does not match: nothing reaches any phone,
-- the same work is done). state 0 open, 1 used, 2 closed (superseded or out of tries); times epoch ms.
CREATE TABLE IF NOT EXISTS verification_challenges (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  challenge_no TEXT NOT NULL UNIQUE,
  purpose      TEXT NOT NULL CHECK (purpose IN ('BIND', 'PHONE')),
  caller       TEXT NOT NULL,
  subject      TEXT NOT NULL,
  details      TEXT NOT NULL,
  code_hash    TEXT NOT NULL,
  deliverable  INTEGER NOT NULL CHECK (deliverable IN (0, 1)),
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  tries        INTEGER NOT NULL DEFAULT 0,
  state        INTEGER NOT NULL DEFAULT 0 CHECK (state IN (0, 1, 2))
);
CREATE INDEX IF NOT EXISTS challenges_subject ON verification_challenges(subject, created_at);
CREATE INDEX IF NOT EXISTS challenges_caller ON verification_challenges(caller, subject, state);
-- The SMS gateway's outbox: phone NULL for a decoy's message, which reaches nobody; sent_at epoch ms.
CREATE TABLE IF NOT EXISTS sms_messages (
  seq     INTEGER PRIMARY KEY AUTOINCREMENT,
  phone   TEXT,
  text    TEXT NOT NULL,
  sent_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sms_phone ON sms_messages(phone, seq);
-- The queue of a session (叫号): the number called now and how many calls the clock has made.
CREATE TABLE IF NOT EXISTS queues (
  schedule_code TEXT PRIMARY KEY REFERENCES schedules(code),
  current_no    INTEGER NOT NULL DEFAULT 0,
  clock_calls   INTEGER NOT NULL DEFAULT 0
);
`;

/** Bumped with every change of SCHEMA; a database written by an older sandbox is refused, never half-migrated. */
export const SCHEMA_VERSION = '3';

/** Opens (or creates) the database and makes sure the schema exists. */
export function openDatabase(path: string): HospitalDb {
  const db = new Database(path);
  if (path !== ':memory:' && path !== '') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const existing = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() !== undefined;
  const version = existing ? readMeta(db, 'schema_version') : SCHEMA_VERSION;
  if (version !== SCHEMA_VERSION) {
    db.close();
    throw new Error(`the sandbox database ${path} has schema ${version ?? '1'}, this sandbox writes ${SCHEMA_VERSION}: delete the file (npm start seeds a new one)`);
  }
  db.exec(SCHEMA);
  writeMeta(db, 'schema_version', SCHEMA_VERSION);
  return db;
}

export function readMeta(db: HospitalDb, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function writeMeta(db: HospitalDb, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
