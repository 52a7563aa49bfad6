/**
 * Patients (issue 3): one account the fake api keeps, as the cloud would.
 */
import type { BoundPatient } from '../../typings/patient';
import { maskName, maskPhone } from '../../miniprogram/core/mask';
import { maskDocument } from '../../miniprogram/core/documents';
import { PRIVACY_GUIDE_SUMMARY, PRIVACY_GUIDE_VERSION } from '../../miniprogram/core/privacy';
import { NEUTRAL_REFUSAL } from '../../miniprogram/core/verification';
import { realisticHandlers, type Handlers } from './fake-api';

export const ZHANG: BoundPatient = {
  patientId: 'P1001',
  name: '张*明',
  idCardNo: '110***********002X',
  phone: '138****1234',
  relation: '本人',
  sex: 'M',
  isDefault: true,
  card: { cardNo: 'C20260001', state: 'verified' },
  hasGuardian: false,
};

export const XIAOBAO: BoundPatient = {
  patientId: 'P1002',
  name: '张*宝',
  idCardNo: '110***********0017',
  phone: '138****1234',
  relation: '子女',
  sex: 'M',
  isDefault: false,
  card: null,
  hasGuardian: true,
};

export const LI: BoundPatient = {
  patientId: 'P1003',
  name: '李*',
  idCardNo: '320***********3026',
  phone: '139****5678',
  relation: '配偶',
  sex: 'F',
  isDefault: false,
  card: null,
  hasGuardian: false,
};

/** The card number the fake hospital knows but has not verified (real name). */
export const UNVERIFIED_CARD = 'C20269999';
export const UNVERIFIED_CARD_MESSAGE = '该就诊卡尚未实名认证，请携带身份证到医院自助机或窗口完成实名认证后再绑定';

/** The code the fake hospital texts; any other is refused with the neutral message. */
export const FAKE_SMS_CODE = '246810';

/** One account's patients behind the fake api: list, sendCode, add, remove, setDefault, card.bind, qrcode, privacy. */
export interface FakeAccount {
  patients: BoundPatient[];
  /** ISO instant of the account's privacy consent, or null. */
  consentedAt: string | null;
  /** Challenges sent, newest last. */
  challenges: string[];
  limit: number;
  /** How many codes `patient.qrcode` has issued. */
  issued: number;
  /** How long an issued code lasts, ms. */
  qrLifetimeMs: number;
  handlers: Handlers;
}

export function fakeAccount(initial: BoundPatient[] = [ZHANG, XIAOBAO]): FakeAccount {
  const account: FakeAccount = { patients: initial.map((p) => ({ ...p })), consentedAt: initial.length > 0 ? '2026-11-01T01:00:00.000Z' : null, challenges: [], limit: 5, issued: 0, qrLifetimeMs: 5 * 60_000, handlers: {} };
  const privacy = () => ({ ok: true as const, data: { version: PRIVACY_GUIDE_VERSION, summary: [...PRIVACY_GUIDE_SUMMARY], consentedAt: account.consentedAt } });
  const list = () => ({
    ok: true as const,
    data: { patients: [...account.patients.filter((p) => p.isDefault), ...account.patients.filter((p) => !p.isDefault)].map((p) => ({ ...p })), limit: account.limit },
  });
  const notFound = { ok: false as const, code: 'NOT_FOUND' as const, message: '未找到该就诊人', field: 'patientId' };
  account.handlers = {
    ...realisticHandlers,
    'patient.list': () => list(),
    'privacy.get': () => privacy(),
    'privacy.consent': ({ version }) => {
      if (version !== PRIVACY_GUIDE_VERSION) return { ok: false, code: 'INVALID_INPUT', message: '隐私保护指引已更新，请重新阅读后同意', field: 'version' };
      account.consentedAt = new Date().toISOString();
      return privacy();
    },
    'patient.sendCode': (request) => {
      const challengeId = `VC${account.challenges.length + 1}`;
      account.challenges.push(challengeId);
      return { ok: true, data: { challengeId, sentTo: maskPhone(request.phone), expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(), resendAfter: new Date(Date.now() + 60_000).toISOString() } };
    },
    'patient.add': (request) => {
      if (account.consentedAt === null) return { ok: false, code: 'RULE_VIOLATION', message: '请先阅读并同意《隐私保护指引》', field: 'consent' };
      if (request.challengeId !== account.challenges[account.challenges.length - 1] || request.smsCode !== FAKE_SMS_CODE) {
        return { ok: false, code: 'RULE_VIOLATION', message: NEUTRAL_REFUSAL };
      }
      if (account.patients.length >= account.limit) return { ok: false, code: 'LIMIT_REACHED', message: `每个账号最多绑定${account.limit}位就诊人` };
      const patient: BoundPatient = {
        patientId: `P${2000 + account.patients.length + 1}`,
        name: maskName(request.name),
        idCardNo: maskDocument(request.docType ?? 'id_card', request.idCardNo),
        phone: maskPhone(request.phone),
        relation: request.relation,
        sex: request.sex ?? (Number(request.idCardNo.charAt(16)) % 2 === 1 ? 'M' : 'F'),
        isDefault: account.patients.length === 0,
        card: null,
        hasGuardian: request.guardian !== undefined,
      };
      account.patients.push(patient);
      return { ok: true, data: { patientId: patient.patientId, patient: { ...patient } } };
    },
    'patient.remove': ({ patientId }) => {
      const gone = account.patients.find((p) => p.patientId === patientId);
      if (!gone) return notFound;
      account.patients = account.patients.filter((p) => p !== gone);
      const first = account.patients[0];
      if (gone.isDefault && first) first.isDefault = true;
      return list();
    },
    'patient.setDefault': ({ patientId }) => {
      if (!account.patients.some((p) => p.patientId === patientId)) return notFound;
      for (const p of account.patients) p.isDefault = p.patientId === patientId;
      return list();
    },
    'card.bind': ({ patientId, cardNo }) => {
      const patient = account.patients.find((p) => p.patientId === patientId);
      if (!patient) return notFound;
      if (cardNo === UNVERIFIED_CARD) return { ok: false, code: 'RULE_VIOLATION', message: UNVERIFIED_CARD_MESSAGE, field: 'cardNo' };
      patient.card = { cardNo, state: 'verified' };
      return { ok: true, data: { ...patient } };
    },
    'patient.qrcode': ({ patientId }) => {
      if (!account.patients.some((p) => p.patientId === patientId)) return notFound;
      account.issued += 1;
      return { ok: true, data: { code: `PHQR1.${patientId}.${account.issued}.c2lnbmF0dXJlLW9mLXRoZS1jb2Rl`, expiresAt: new Date(Date.now() + account.qrLifetimeMs).toISOString() } };
    },
  };
  return account;
}
