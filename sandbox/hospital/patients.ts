/**
 * Patients and cards of the sandbox hospital: the real-name find-or-create (建档) shared by the
 * RegisterPatient service and the kiosk control, the guardian rule, and card issue and verification.
 */
import type { HospitalDate } from '../../typings/hospital';
import type { HsbDocType } from '../../typings/hsb';
import { needsGuardian, type DocType, type DocumentInfo } from '../../miniprogram/core/documents';
import { GUARDIAN_MIN_AGE, GUARDIAN_REQUIRED_UNDER, parseIdCard, type IdCardInfo } from '../../miniprogram/core/idcard';
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

/** The HSB's document codes. */
export const DOC_TYPE_CODES: Record<DocType, HsbDocType> = {
  id_card: '01',
  birth_certificate: '02',
  hk_macau_permit: '03',
  taiwan_permit: '04',
  passport: '05',
};
export function docTypeOf(code: string): DocType | undefined {
  return (Object.keys(DOC_TYPE_CODES) as DocType[]).find((t) => DOC_TYPE_CODES[t] === code);
}

export interface PatientRow {
  patientId: string;
  name: string;
  /** HSB document code (01 居民身份证 …). */
  docType: HsbDocType;
  /** The document's number. */
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

/** Who is being registered: the document already checked on the hospital's clock. */
export interface PatientIntake {
  name: string;
  doc: DocumentInfo;
  /** Normalised 11-digit mobile; the kiosk may register without one. */
  phone?: string;
  guardian?: Guardian;
}

export type Registration =
  | { ok: true; patient: PatientRow; isNew: boolean }
  | { ok: false; reason: 'name_mismatch'; message: string }
  | { ok: false; reason: 'new_not_allowed' };

/** A kiosk applicant's ID card as a document. */
export function idCardDocument(idCard: IdCardInfo): DocumentInfo {
  return { docType: 'id_card', number: idCard.idCardNo, birthDate: idCard.birthDate, sex: idCard.sex, ageYears: idCard.ageYears };
}

const SELECT_PATIENT = `
  SELECT patient_id AS patientId, name, doc_type AS docType, id_card_no AS idCardNo, phone, sex, birth_date AS birthDate,
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
  patient: DocumentInfo,
  given: { name?: string; idCardNo?: string },
  nowMs: number,
): { ok: true; guardian?: Guardian } | { ok: false; message: string } {
  const name = given.name === undefined ? '' : normalizeName(given.name);
  const idCardNo = given.idCardNo?.trim() ?? '';
  if (name === '' && idCardNo === '') {
    if (!needsGuardian(patient)) return { ok: true };
    return { ok: false, message: patient.docType === 'birth_certificate' ? '以出生医学证明建档须登记监护人' : `未满${GUARDIAN_REQUIRED_UNDER}周岁须登记监护人` };
  }
  if (name === '') return { ok: false, message: '请填写监护人姓名' };
  if (idCardNo === '') return { ok: false, message: '请填写监护人身份证号' };
  const parsed = parseIdCard(idCardNo, nowMs);
  if (!parsed.ok) return { ok: false, message: `监护人${parsed.message}` };
  if (patient.docType === 'id_card' && parsed.value.idCardNo === patient.number) return { ok: false, message: '监护人不能是就诊人本人' };
  if (parsed.value.ageYears < GUARDIAN_MIN_AGE) return { ok: false, message: `监护人须年满${GUARDIAN_MIN_AGE}周岁` };
  return { ok: true, guardian: { name, idCardNo: parsed.value.idCardNo } };
}

export function findPatient(db: HospitalDb, patientId: string): PatientRow | undefined {
  return db.prepare(`${SELECT_PATIENT} WHERE patient_id = ?`).get(patientId) as PatientRow | undefined;
}

/** The patient registered with this document (an ID card by default). */
export function findPatientByIdCard(db: HospitalDb, idCardNo: string, docType: DocType = 'id_card'): PatientRow | undefined {
  return db.prepare(`${SELECT_PATIENT} WHERE doc_type = ? AND id_card_no = ?`).get(DOC_TYPE_CODES[docType], idCardNo) as PatientRow | undefined;
}

/**
 * Finds the patient with this document or creates one, in one write transaction. The same name
 * answers the existing patient exactly as on file (a phone or guardian given now changes nothing:
 * the counter changes what the hospital has on file); another name is refused. `allowNew: false`
 * refuses to create. The transaction takes the write lock before reading, so two registrations of
 * one document (even from two connections to one file) end as one patient.
 */
export function findOrCreatePatient(db: HospitalDb, intake: PatientIntake, nowMs: number, opts: { allowNew?: boolean } = {}): Registration {
  const name = normalizeName(intake.name);
  const register = db.transaction((): Registration => {
    const existing = findPatientByIdCard(db, intake.doc.number, intake.doc.docType);
    if (existing !== undefined) {
      if (existing.name !== name) return { ok: false, reason: 'name_mismatch', message: NAME_MISMATCH_MESSAGE };
      return { ok: true, patient: existing, isNew: false };
    }
    if (opts.allowNew === false) return { ok: false, reason: 'new_not_allowed' };
    const seq = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 FROM patients').pluck().get() as number;
    const patientId = `P${10_000_000 + seq}`;
    db.prepare(
      `INSERT INTO patients (seq, patient_id, name, doc_type, id_card_no, phone, sex, birth_date, guardian_name, guardian_id_card_no, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      seq,
      patientId,
      name,
      DOC_TYPE_CODES[intake.doc.docType],
      intake.doc.number,
      intake.phone ?? null,
      intake.doc.sex === 'M' ? 1 : 2,
      intake.doc.birthDate,
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

/** The counter changes the phone on file (the app never does); false for an unknown patient. */
export function changePhone(db: HospitalDb, patientId: string, phone: string): boolean {
  return db.prepare('UPDATE patients SET phone = ? WHERE patient_id = ?').run(phone, patientId).changes === 1;
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
