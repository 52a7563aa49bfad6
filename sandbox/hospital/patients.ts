/**
 * Patients and cards of the sandbox hospital: the real-name find-or-create (建档) shared by the
 * RegisterPatient service and the kiosk control, the guardian rule, and card issue and verification.
 */
import type { HospitalDate } from '../../typings/hospital';
import { GUARDIAN_MIN_AGE, GUARDIAN_REQUIRED_UNDER, isMinor, parseIdCard, type IdCardInfo } from '../../miniprogram/core/idcard';
import { formatHospital } from '../../miniprogram/core/time';
import type { HospitalDb } from './db';

/** The refusal of a registration whose ID number the hospital knows under another name. */
export const NAME_MISMATCH_MESSAGE = '该身份证号已登记为其他姓名，请核对姓名，如有疑问请到窗口办理';

/** Card states as the HSB writes them. */
export const CardState = { UNVERIFIED: 0, VERIFIED: 1, CANCELLED: 2 } as const;
export type CardState = (typeof CardState)[keyof typeof CardState];

export interface Guardian {
  name: string;
  idCardNo: string;
}

export interface PatientRow {
  patientId: string;
  name: string;
  idCardNo: string;
  phone: string | null;
  /** 1 male, 2 female. */
  sex: 1 | 2;
  birthDate: HospitalDate;
  guardianName: string | null;
  guardianIdCardNo: string | null;
  /** Shanghai wall time. */
  createdAt: string;
}

export interface CardRow {
  cardNo: string;
  patientId: string;
  state: CardState;
  issuedAt: string;
}

/** Who is being registered: the ID number already parsed on the hospital's clock. */
export interface PatientIntake {
  name: string;
  idCard: IdCardInfo;
  /** Normalised 11-digit mobile; the kiosk may register without one. */
  phone?: string;
  guardian?: Guardian;
}

export type Registration = { ok: true; patient: PatientRow; isNew: boolean } | { ok: false; reason: 'name_mismatch'; message: string };

const SELECT_PATIENT = `
  SELECT patient_id AS patientId, name, id_card_no AS idCardNo, phone, sex, birth_date AS birthDate,
         guardian_name AS guardianName, guardian_id_card_no AS guardianIdCardNo, created_at AS createdAt
    FROM patients`;

const SELECT_CARD = 'SELECT card_no AS cardNo, patient_id AS patientId, state, issued_at AS issuedAt FROM cards';

/** How names are stored and compared: Unicode NFC, no surrounding blanks. */
export function normalizeName(name: string): string {
  return name.normalize('NFC').trim();
}

/**
 * Checks a guardian against the patient: under 14 one is required; when given (at any age) both
 * name and ID must be present, the ID valid, another person, and 18 or older. Returns the Chinese
 * refusal, or the guardian to record (ID normalised).
 */
export function checkGuardian(
  patient: IdCardInfo,
  given: { name?: string; idCardNo?: string },
  nowMs: number,
): { ok: true; guardian?: Guardian } | { ok: false; message: string } {
  const name = given.name === undefined ? '' : normalizeName(given.name);
  const idCardNo = given.idCardNo?.trim() ?? '';
  if (name === '' && idCardNo === '') {
    return isMinor(patient.ageYears) ? { ok: false, message: `未满${GUARDIAN_REQUIRED_UNDER}周岁须登记监护人` } : { ok: true };
  }
  if (name === '') return { ok: false, message: '请填写监护人姓名' };
  if (idCardNo === '') return { ok: false, message: '请填写监护人身份证号' };
  const parsed = parseIdCard(idCardNo, nowMs);
  if (!parsed.ok) return { ok: false, message: `监护人${parsed.message}` };
  if (parsed.value.idCardNo === patient.idCardNo) return { ok: false, message: '监护人不能是就诊人本人' };
  if (parsed.value.ageYears < GUARDIAN_MIN_AGE) return { ok: false, message: `监护人须年满${GUARDIAN_MIN_AGE}周岁` };
  return { ok: true, guardian: { name, idCardNo: parsed.value.idCardNo } };
}

export function findPatient(db: HospitalDb, patientId: string): PatientRow | undefined {
  return db.prepare(`${SELECT_PATIENT} WHERE patient_id = ?`).get(patientId) as PatientRow | undefined;
}

export function findPatientByIdCard(db: HospitalDb, idCardNo: string): PatientRow | undefined {
  return db.prepare(`${SELECT_PATIENT} WHERE id_card_no = ?`).get(idCardNo) as PatientRow | undefined;
}

/**
 * Finds the patient with this ID number or creates one, in one write transaction. The same name
 * answers the existing patient (a new phone replaces the old, a guardian fills an empty record);
 * another name is refused. The transaction takes the write lock before reading, so two
 * registrations of one ID (even from two connections to one file) end as one patient.
 */
export function findOrCreatePatient(db: HospitalDb, intake: PatientIntake, nowMs: number): Registration {
  const name = normalizeName(intake.name);
  const register = db.transaction((): Registration => {
    const existing = findPatientByIdCard(db, intake.idCard.idCardNo);
    if (existing !== undefined) {
      if (existing.name !== name) return { ok: false, reason: 'name_mismatch', message: NAME_MISMATCH_MESSAGE };
      if (intake.phone !== undefined) db.prepare('UPDATE patients SET phone = ? WHERE patient_id = ?').run(intake.phone, existing.patientId);
      if (intake.guardian !== undefined && existing.guardianIdCardNo === null) {
        db.prepare('UPDATE patients SET guardian_name = ?, guardian_id_card_no = ? WHERE patient_id = ?').run(
          intake.guardian.name,
          intake.guardian.idCardNo,
          existing.patientId,
        );
      }
      return { ok: true, patient: findPatient(db, existing.patientId) as PatientRow, isNew: false };
    }
    const seq = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 FROM patients').pluck().get() as number;
    const patientId = `P${10_000_000 + seq}`;
    db.prepare(
      `INSERT INTO patients (seq, patient_id, name, id_card_no, phone, sex, birth_date, guardian_name, guardian_id_card_no, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      seq,
      patientId,
      name,
      intake.idCard.idCardNo,
      intake.phone ?? null,
      intake.idCard.sex === 'M' ? 1 : 2,
      intake.idCard.birthDate,
      intake.guardian?.name ?? null,
      intake.guardian?.idCardNo ?? null,
      formatHospital(nowMs),
    );
    return { ok: true, patient: findPatient(db, patientId) as PatientRow, isNew: true };
  });
  return register.immediate();
}

export function findCard(db: HospitalDb, cardNo: string): CardRow | undefined {
  return db.prepare(`${SELECT_CARD} WHERE card_no = ?`).get(cardNo) as CardRow | undefined;
}

/** Issues a new card to an existing patient, verified or not; earlier cards stay as they are. */
export function issueCard(db: HospitalDb, patientId: string, verified: boolean, nowMs: number): CardRow {
  const issue = db.transaction((): CardRow => {
    const seq = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 FROM cards').pluck().get() as number;
    const cardNo = String(9_100_000_000 + seq);
    db.prepare('INSERT INTO cards (seq, card_no, patient_id, state, issued_at) VALUES (?, ?, ?, ?, ?)').run(
      seq,
      cardNo,
      patientId,
      verified ? CardState.VERIFIED : CardState.UNVERIFIED,
      formatHospital(nowMs),
    );
    return findCard(db, cardNo) as CardRow;
  });
  return issue.immediate();
}

export type CardChange = { ok: true; card: CardRow } | { ok: false; reason: 'not_found' | 'cancelled' };

/** Kiosk real-name verification: an issued card becomes verified; a cancelled one stays cancelled. */
export function verifyCard(db: HospitalDb, cardNo: string): CardChange {
  return setCardState(db, cardNo, CardState.VERIFIED);
}

/** Reporting a card lost (挂失): it is cancelled for good. */
export function cancelCard(db: HospitalDb, cardNo: string): CardChange {
  return setCardState(db, cardNo, CardState.CANCELLED);
}

function setCardState(db: HospitalDb, cardNo: string, state: CardState): CardChange {
  const change = db.transaction((): CardChange => {
    const card = findCard(db, cardNo);
    if (card === undefined) return { ok: false, reason: 'not_found' };
    if (card.state === CardState.CANCELLED && state !== CardState.CANCELLED) return { ok: false, reason: 'cancelled' };
    db.prepare('UPDATE cards SET state = ? WHERE card_no = ?').run(state, cardNo);
    return { ok: true, card: { ...card, state } };
  });
  return change.immediate();
}
