/** After-the-visit page helpers: 核酸检测 terms and applications, a survey to answer, an e-invoice, an SMS challenge, as the cloud would answer. */
import type { Invoice, NatApplication, PendingSurvey, SurveyQuestion } from '../../typings/services';

export const ok = <T>(data: T) => ({ ok: true as const, data });

export const TERMS = { payMode: 'onsite' as const, fees: { single: 1600, mixed: 350 } };

export function application(partial: Partial<NatApplication>): NatApplication {
  return {
    applicationId: 'HS10000001',
    code: 'NATHS10000001ABC123',
    mode: 'single',
    fee: 1600,
    payMode: 'onsite',
    status: 'waiting',
    result: null,
    personName: '张*明',
    appliedAt: '2026-11-26T02:00:00.000Z',
    sampledAt: null,
    reportedAt: null,
    ...partial,
  };
}

export const SURVEY: PendingSurvey = { surveyId: 'MY10000001', visitId: 'MZ10000001', visitDate: '2026-11-26', deptName: '呼吸科', doctorName: '王建国', deadline: '2026-12-03T15:59:59.000Z' };
export const QUESTIONS: SurveyQuestion[] = [
  { questionId: 'Q1', type: 'score', title: '医生的诊疗与沟通' },
  { questionId: 'Q2', type: 'score', title: '本次就诊的总体满意度' },
  { questionId: 'Q3', type: 'text', title: '您对医院的意见和建议' },
];

export const INVOICE: Invoice = {
  invoiceId: '330101260000000007',
  invoiceCode: '33010126',
  invoiceNumber: '0000000007',
  checkCode: 'A1B2C3',
  payerName: '张*明',
  title: '门诊缴费',
  items: [
    { category: '西药费', amount: 11800 },
    { category: '检验费', amount: 3500 },
  ],
  amount: 15300,
  issuedAt: '2026-11-26T02:05:00.000Z',
};

export const CHALLENGE = { challengeId: 'VC1', sentTo: '137****2222', expiresAt: '2026-11-26T02:05:00.000Z', resendAfter: '2026-11-26T02:01:00.000Z' };
