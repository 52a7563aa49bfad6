/**
 * Verification codes and the SMS gateway of the sandbox hospital: binding proves possession of the
 * phone the hospital has on file. A send opens a challenge (the code kept only as an HMAC); a person
 * whose record does not match what was typed gets a decoy challenge that does the same work and
 * reaches no phone, so neither the answer nor its timing tells who is a patient here.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { maskPhone } from '../../miniprogram/core/mask';
import { CODE_MAX_TRIES, CODE_TTL_MS, RESEND_AFTER_MS, SENDS_PER_PERSON_PER_HOUR } from '../../miniprogram/core/verification';
import type { HospitalDb } from './db';
import { findPatientByIdCard, normalizeName, type Guardian, type PatientIntake, type PatientRow } from './patients';

/** The hospital's own key for code HMACs and subject digests; a real hospital keeps it in its HSM. */
export const DEV_CODE_KEY = 'sandbox-hospital-verification-code-key';
export const HOSPITAL_SMS_SIGNATURE = '【青禾市儿童医院】';

export type ChallengePurpose = 'BIND' | 'PHONE';

export interface SmsMessage {
  phone: string;
  text: string;
  /** Epoch ms. */
  sentAt: number;
}

export type SendOutcome =
  | { ok: true; challengeNo: string; sentTo: string; expiresAt: number; resendAt: number }
  | { ok: false; reason: 'too_soon' | 'person_hourly'; retryAt: number };

export type CheckOutcome = { ok: true } | { ok: false };

interface ChallengeRow {
  challengeNo: string;
  purpose: ChallengePurpose;
  caller: string;
  subject: string;
  details: string;
  codeHash: string;
  deliverable: 0 | 1;
  createdAt: number;
  expiresAt: number;
  tries: number;
  state: 0 | 1 | 2;
}

const SELECT = `SELECT challenge_no AS challengeNo, purpose, caller, subject, details, code_hash AS codeHash, deliverable,
  created_at AS createdAt, expires_at AS expiresAt, tries, state FROM verification_challenges`;

const HOUR_MS = 3_600_000;

export class VerificationCodes {
  constructor(
    private readonly db: HospitalDb,
    private readonly key: string = DEV_CODE_KEY,
  ) {}

  private digest(parts: readonly unknown[]): string {
    return createHmac('sha256', this.key).update(JSON.stringify(parts), 'utf8').digest('hex');
  }

  /** Who a binding is about: the document, whatever name or phone is typed with it. */
  subjectOf(intake: Pick<PatientIntake, 'doc'>): string {
    return this.digest(['person', intake.doc.docType, intake.doc.number]);
  }

  /** Everything the binding must repeat exactly: document, name, phone, guardian. */
  detailsOf(intake: PatientIntake): string {
    const g = intake.guardian;
    return this.digest(['details', intake.doc.docType, intake.doc.number, normalizeName(intake.name), intake.doc.birthDate, intake.doc.sex, intake.phone ?? '', g ? [normalizeName(g.name), g.idCardNo] : null]);
  }

  /** What a PHONE challenge's check must repeat: the phone. */
  phoneDetails(phone: string): string {
    return this.digest(['details', phone]);
  }

  /**
   * BIND: the code goes to the phone on file when the record matches what was typed (name, the phone
   * on file, the guardian on file), to the typed phone when the person is new to the hospital, and
   * nowhere (a decoy) otherwise. The answer always names the typed phone, masked.
   */
  sendForBinding(caller: string, intake: PatientIntake & { phone: string }, nowMs: number): SendOutcome {
    const send = this.db.transaction((): SendOutcome => {
      const subject = this.subjectOf(intake);
      const limited = this.limits(caller, subject, nowMs);
      if (limited) return limited;
      const existing = findPatientByIdCard(this.db, intake.doc.number, intake.doc.docType);
      const deliverTo = existing === undefined ? intake.phone : recordMatches(existing, intake) ? existing.phone : null;
      return this.open('BIND', caller, subject, this.detailsOf(intake), deliverTo, intake.phone, nowMs, '您正在绑定就诊人');
    });
    return send.immediate();
  }

  /** PHONE: proves possession of a typed phone (e.g. a visitor's), the code sent to it. */
  sendForPhone(caller: string, phone: string, nowMs: number): SendOutcome {
    const send = this.db.transaction((): SendOutcome => {
      const subject = this.digest(['phone', phone]);
      const limited = this.limits(caller, subject, nowMs);
      if (limited) return limited;
      return this.open('PHONE', caller, subject, this.phoneDetails(phone), phone, phone, nowMs, '您正在验证手机号');
    });
    return send.immediate();
  }

  /** Resend interval per caller and person, and the sends per person per hour, whoever asks. */
  private limits(caller: string, subject: string, nowMs: number): SendOutcome | undefined {
    const last = this.db.prepare('SELECT MAX(created_at) FROM verification_challenges WHERE caller = ? AND subject = ?').pluck().get(caller, subject) as number | null;
    if (last !== null && nowMs - last < RESEND_AFTER_MS) return { ok: false, reason: 'too_soon', retryAt: last + RESEND_AFTER_MS };
    const recent = this.db
      .prepare('SELECT created_at FROM verification_challenges WHERE subject = ? AND created_at > ? ORDER BY created_at')
      .pluck()
      .all(subject, nowMs - HOUR_MS) as number[];
    if (recent.length >= SENDS_PER_PERSON_PER_HOUR) return { ok: false, reason: 'person_hourly', retryAt: (recent[recent.length - SENDS_PER_PERSON_PER_HOUR] as number) + HOUR_MS };
    return undefined;
  }

  /** Closes the caller's open challenge for this subject, opens a new one and hands the SMS to the gateway (a decoy's to nobody). */
  private open(purpose: ChallengePurpose, caller: string, subject: string, details: string, deliverTo: string | null, typedPhone: string, nowMs: number, doing: string): SendOutcome {
    this.db.prepare('UPDATE verification_challenges SET state = 2 WHERE caller = ? AND subject = ? AND state = 0').run(caller, subject);
    const seq = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 FROM verification_challenges').pluck().get() as number) + 10_000_000;
    const challengeNo = `VC${seq}${randomInt(100_000, 1_000_000)}`;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = nowMs + CODE_TTL_MS;
    this.db
      .prepare(
        `INSERT INTO verification_challenges (challenge_no, purpose, caller, subject, details, code_hash, deliverable, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(challengeNo, purpose, caller, subject, details, this.codeHash(challengeNo, code), deliverTo === null ? 0 : 1, nowMs, expiresAt);
    const text = `${HOSPITAL_SMS_SIGNATURE}您的验证码为${code}，5分钟内有效。${doing}，如非本人操作请忽略，切勿告诉他人。`;
    this.db.prepare('INSERT INTO sms_messages (phone, text, sent_at) VALUES (?, ?, ?)').run(deliverTo, text, nowMs);
    return { ok: true, challengeNo, sentTo: maskPhone(typedPhone), expiresAt, resendAt: nowMs + RESEND_AFTER_MS };
  }

  private codeHash(challengeNo: string, code: string): string {
    return this.digest(['code', challengeNo, code]);
  }

  /**
   * Checks a code inside the caller's transaction: the caller's open challenge of this purpose, not
   * expired, tries left, details equal, a real (not decoy) challenge and the right code. Every try
   * counts; the fifth wrong one closes the challenge; the right one uses it up. One answer for all.
   */
  check(challengeNo: string, caller: string, purpose: ChallengePurpose, details: string, code: string, nowMs: number): CheckOutcome {
    const row = this.db.prepare(`${SELECT} WHERE challenge_no = ?`).get(challengeNo) as ChallengeRow | undefined;
    // The hash is computed on every path, so a missing challenge takes as long as a wrong code.
    const given = Buffer.from(this.codeHash(challengeNo, code), 'hex');
    if (row === undefined || row.caller !== caller || row.purpose !== purpose || row.state !== 0 || nowMs > row.expiresAt || row.tries >= CODE_MAX_TRIES) {
      return { ok: false };
    }
    const tries = row.tries + 1;
    const right = timingSafeEqual(given, Buffer.from(row.codeHash, 'hex')) && row.details === details && row.deliverable === 1;
    const state = right ? 1 : tries >= CODE_MAX_TRIES ? 2 : 0;
    this.db.prepare('UPDATE verification_challenges SET tries = ?, state = ? WHERE challenge_no = ?').run(tries, state, challengeNo);
    return right ? { ok: true } : { ok: false };
  }

  /** The gateway as the patient's phone sees it: messages delivered to `phone`, newest first. */
  messages(phone: string): SmsMessage[] {
    return this.db.prepare('SELECT phone, text, sent_at AS sentAt FROM sms_messages WHERE phone = ? ORDER BY seq DESC LIMIT 50').all(phone) as SmsMessage[];
  }
}

/** The typed details agree with the record: the name, the phone on file, and the guardian on file (if any). */
export function recordMatches(record: PatientRow, intake: PatientIntake & { phone: string }): boolean {
  if (record.name !== normalizeName(intake.name) || record.phone === null || record.phone !== intake.phone) return false;
  if (record.birthDate !== intake.doc.birthDate || record.sex !== (intake.doc.sex === 'M' ? 1 : 2)) return false;
  if (record.guardianIdCardNo === null) return true;
  const g: Guardian | undefined = intake.guardian;
  return g !== undefined && normalizeName(g.name) === record.guardianName && g.idCardNo === record.guardianIdCardNo;
}
