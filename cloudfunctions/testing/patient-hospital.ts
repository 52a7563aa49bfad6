/**
 * Test support: a small in-memory hospital behind the stub front machine for the patient
 * operations (patient.register find-or-create with real-name match, card.get, patient.qrcode), as
 * typings/frontmachine.ts describes them. Never bundled.
 */
import type { OperationRequest, OperationResponse } from '../../typings/frontmachine';
import { AppError } from '../../miniprogram/core/errors';
import { idCardCheckChar, normalizeIdCard } from '../../miniprogram/core/idcard';
import type { StubAnswers } from './stub-front-machine';

export interface HospitalPatient {
  patientId: string;
  name: string;
  idCardNo: string;
  phone: string;
  guardian?: { name: string; idCardNo: string };
}

export interface HospitalCard {
  cardNo: string;
  patientId: string;
  state: 'verified' | 'unverified' | 'cancelled';
}

export interface PatientHospital {
  answers: StubAnswers;
  /** By normalised ID number. */
  patients: Map<string, HospitalPatient>;
  cards: Map<string, HospitalCard>;
  /** Puts a patient on record as if registered at a window (e.g. under another name). */
  enrol(p: Omit<HospitalPatient, 'patientId'>): HospitalPatient;
  issueCard(patientId: string, state: HospitalCard['state']): string;
}

export const REAL_NAME_MISMATCH = '该身份证号已在医院登记为其他姓名，请核对姓名或到窗口办理';

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

  const enrol = (p: Omit<HospitalPatient, 'patientId'>): HospitalPatient => {
    const record = { ...p, idCardNo: normalizeIdCard(p.idCardNo), patientId: `P${nextPatient++}` };
    patients.set(record.idCardNo, record);
    return record;
  };

  const register = async (req: OperationRequest<'patient.register'>): Promise<OperationResponse<'patient.register'>> => {
    await tick();
    const id = normalizeIdCard(req.idCardNo);
    const known = patients.get(id);
    if (known && known.name !== req.name) throw new AppError('RULE_VIOLATION', REAL_NAME_MISMATCH, 'name');
    const record = known ?? enrol({ name: req.name, idCardNo: id, phone: req.phone, ...(req.guardian ? { guardian: req.guardian } : {}) });
    await tick();
    return {
      patientId: record.patientId,
      sex: Number(id.charAt(16)) % 2 === 1 ? 'M' : 'F',
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      isNew: !known,
      hasGuardian: record.guardian !== undefined,
    };
  };

  const answers: StubAnswers = {
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
    enrol,
    issueCard(patientId, state) {
      const cardNo = `C${String(nextCard++).padStart(8, '0')}`;
      cards.set(cardNo, { cardNo, patientId, state });
      return cardNo;
    },
  };
}
