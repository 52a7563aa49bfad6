/**
 * Test support: a small in-memory hospital behind the stub front machine for the patient
 * operations (patient.sendCode and patient.register: codes sent to the phone on file, checked, then
 * find-or-create with real-name match and nothing on file changed; card.get, patient.qrcode), as
 * typings/frontmachine.ts describes them. Never bundled.
 */
import type { OperationRequest, OperationResponse } from '../../typings/frontmachine';
import { AppError } from '../../miniprogram/core/errors';
import { idCardCheckChar, normalizeIdCard } from '../../miniprogram/core/idcard';
import { documentKey } from '../../miniprogram/core/documents';
import { maskPhone } from '../../miniprogram/core/mask';
import { normalizeMobile } from '../../miniprogram/core/phone';
import { CODE_MAX_TRIES, CODE_TTL_MS, NEUTRAL_REFUSAL, RESEND_AFTER_MS } from '../../miniprogram/core/verification';
import type { PersonIdentity } from '../../typings/frontmachine';
import type { StubAnswers } from './stub-front-machine';

export interface HospitalPatient {
  patientId: string;
  name: string;
  /** The document's number; `docType` absent is 居民身份证. */
  idCardNo: string;
  docType?: string;
  birthDate?: string;
  sex?: 'M' | 'F';
  phone: string;
  guardian?: { name: string; idCardNo: string };
}

/** A code the hospital sent: to `phone` (null: a decoy that reached nobody). */
export interface SentCode {
  challengeId: string;
  phone: string | null;
  code: string;
}

export interface HospitalCard {
  cardNo: string;
  patientId: string;
  state: 'verified' | 'unverified' | 'cancelled';
}

export interface PatientHospital {
  answers: StubAnswers;
  /** By normalised document key (the ID number for 居民身份证). */
  patients: Map<string, HospitalPatient>;
  /** Every code sent, oldest first. */
  sent: SentCode[];
  /** The patient's phone: the code sent for this challenge if it reached `phone`. */
  inbox(phone: string, challengeId: string): Promise<string | undefined>;
  cards: Map<string, HospitalCard>;
  /** Puts a patient on record as if registered at a window (e.g. under another name). */
  enrol(p: Omit<HospitalPatient, 'patientId'>): HospitalPatient;
  issueCard(patientId: string, state: HospitalCard['state']): string;
}

/** The hospital's one answer for every "who exists" failure. */
export const REAL_NAME_MISMATCH = NEUTRAL_REFUSAL;

/** A valid ID number (GB 11643) born on `birth` (YYYYMMDD); odd `seq` is male. */
export function idCard(birth: string, seq = 123, region = '110105'): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return `${first17}${idCardCheckChar(first17)}`;
}

/** Lets concurrent calls interleave, as real network calls would. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export function patientHospital(clock: () => number = Date.now): PatientHospital {
  const patients = new Map<string, HospitalPatient>();
  const cards = new Map<string, HospitalCard>();
  let nextPatient = 1001;
  let nextCard = 1;
  let nextCode = 1;

  const sent: SentCode[] = [];
  const challenges = new Map<string, { caller: string; details: string; code: string; deliverable: boolean; expiresAt: number; tries: number; used: boolean }>();
  let nextChallenge = 1;
  const answered = new Map<string, OperationResponse<'patient.register'>>();

  const keyOf = (p: Pick<HospitalPatient, 'docType' | 'idCardNo'>) => documentKey((p.docType ?? 'id_card') as never, p.idCardNo);
  const enrol = (p: Omit<HospitalPatient, 'patientId'>): HospitalPatient => {
    const record = { ...p, idCardNo: p.docType === undefined ? normalizeIdCard(p.idCardNo) : p.idCardNo, patientId: `P${nextPatient++}` };
    patients.set(keyOf(record), record);
    return record;
  };
  /** What the binding must repeat exactly. */
  const detailsOf = (p: PersonIdentity) => JSON.stringify([p.docType ?? 'id_card', p.idCardNo, p.name, p.birthDate ?? '', p.sex ?? '', p.phone, p.guardian ?? null]);
  /** The record agrees with what was typed: name, the phone on file, the guardian on file. */
  const matches = (r: HospitalPatient, p: PersonIdentity) =>
    r.name === p.name && r.phone === p.phone && (r.guardian === undefined || (p.guardian?.name === r.guardian.name && p.guardian.idCardNo === r.guardian.idCardNo));

  const sendCode = async (req: OperationRequest<'patient.sendCode'>): Promise<OperationResponse<'patient.sendCode'>> => {
    await tick();
    const known = patients.get(keyOf(req));
    const deliverTo = known === undefined ? req.phone : matches(known, req) ? known.phone : null;
    const challengeId = `VC${nextChallenge++}`;
    const code = String(100_000 + ((nextChallenge * 7919) % 900_000));
    challenges.set(challengeId, { caller: req.caller, details: detailsOf(req), code, deliverable: deliverTo !== null, expiresAt: clock() + CODE_TTL_MS, tries: 0, used: false });
    sent.push({ challengeId, phone: deliverTo, code });
    return { challengeId, sentTo: maskPhone(req.phone), expiresAt: new Date(clock() + CODE_TTL_MS).toISOString(), resendAfter: new Date(clock() + RESEND_AFTER_MS).toISOString() };
  };

  const register = async (req: OperationRequest<'patient.register'>): Promise<OperationResponse<'patient.register'>> => {
    await tick();
    const { caller, challengeId, code, allowNew, ...person } = req;
    const c = challenges.get(challengeId);
    const neutral = new AppError('RULE_VIOLATION', NEUTRAL_REFUSAL);
    // The same request again (same code and details) gets the first answer: the front machine's idempotent replay, which this stub stands in for.
    const replay = answered.get(`${challengeId}|${code}|${detailsOf(person)}`);
    if (replay) return replay;
    if (!c || c.used || c.caller !== caller || clock() > c.expiresAt || c.tries >= CODE_MAX_TRIES) throw neutral;
    c.tries += 1;
    if (c.code !== code || c.details !== detailsOf(person) || !c.deliverable) throw neutral;
    c.used = true;
    const known = patients.get(keyOf(person));
    if (known && !matches(known, person)) throw neutral;
    if (!known && allowNew === false) throw new AppError('LIMIT_REACHED', '新建档案次数已达上限，请稍后再试或到窗口办理');
    const record =
      known ??
      enrol({
        name: person.name,
        idCardNo: person.idCardNo,
        phone: person.phone,
        ...(person.docType ? { docType: person.docType, birthDate: person.birthDate, sex: person.sex } : {}),
        ...(person.guardian ? { guardian: person.guardian } : {}),
      });
    await tick();
    const id = record.idCardNo;
    const answer: OperationResponse<'patient.register'> = {
      patientId: record.patientId,
      sex: record.sex ?? (Number(id.charAt(16)) % 2 === 1 ? 'M' : 'F'),
      birthDate: record.birthDate ?? `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      isNew: !known,
      hasGuardian: record.guardian !== undefined,
    };
    answered.set(`${challengeId}|${code}|${detailsOf(person)}`, answer);
    return answer;
  };

  const answers: StubAnswers = {
    'patient.sendCode': sendCode,
    'patient.register': register,
    'card.get': async ({ cardNo }) => {
      await tick();
      const card = cards.get(cardNo);
      if (!card) throw new AppError('NOT_FOUND', '未找到该就诊卡，请核对卡号', 'cardNo');
      return { ...card };
    },
    'patient.qrcode': async ({ patientId }) => {
      await tick();
      if (![...patients.values()].some((p) => p.patientId === patientId)) throw new AppError('NOT_FOUND', '未找到该就诊人', 'patientId');
      return { code: `HQR1.${patientId}.${nextCode++}`, expiresAt: new Date(clock() + 5 * 60_000).toISOString() };
    },
  };

  return {
    answers,
    patients,
    cards,
    sent,
    async inbox(phone, challengeId) {
      return sent.find((m) => m.challengeId === challengeId && m.phone === normalizeMobile(phone))?.code;
    },
    enrol,
    issueCard(patientId, state) {
      const cardNo = `C${String(nextCard++).padStart(8, '0')}`;
      cards.set(cardNo, { cardNo, patientId, state });
      return cardNo;
    },
  };
}
