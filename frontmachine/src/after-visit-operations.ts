/**
 * The front machine's after-the-visit operations (typings/services.ts ServicesOperations): tests,
 * surveys and e-invoices. Rows of the operation table (operations.ts), each with its input check.
 * Personal and live: none is cached.
 */
import type { OperationRequest, OperationResponse } from '../../typings/frontmachine';
import type { ServicesOperations } from '../../typings/services';
import { fail } from '../../miniprogram/core/errors';
import { normalizeIdCard, parseIdCard } from '../../miniprogram/core/idcard';
import { isMobile, normalizeMobile } from '../../miniprogram/core/phone';
import type { Clock } from '../../miniprogram/core/time';
import { SMS_CODE_PATTERN } from '../../miniprogram/core/verification';
import { CODE_PATTERN, validate, type Schema, type StringRule, type Validated } from '../../miniprogram/core/validate';
import { PATIENT_ID, type Operation } from './operation';
import { nameRule } from './patient-operations';
import { CONFIRM_SCHEMA } from './payment-operations';

/** A 居民身份证 number per GB 11643, refused with what is wrong (its birth date must not lie after today). */
function idCardRule(label: string, clock: Clock): StringRule {
  return { type: 'string', label, required: true, check: (v) => {
    const parsed = parseIdCard(v, clock());
    return parsed.ok ? undefined : parsed.message;
  } };
}

/** Longest text answer of a survey, in characters. */
export const SURVEY_TEXT_MAX = 200;

const ID = (label: string) => ({ type: 'string', label, required: true, pattern: CODE_PATTERN }) as const;
const MODE = { type: 'enum', label: '检测方式', required: true, values: ['single', 'mixed'] } as const;

function applySchema(clock: Clock): Schema {
  return {
    mode: MODE,
    patientId: { ...PATIENT_ID, required: false },
    person: {
      type: 'object',
      label: '受检人',
      fields: {
        name: nameRule('姓名'),
        idCardNo: idCardRule('身份证号', clock),
        phone: { type: 'string', label: '手机号', required: true, check: (v) => (isMobile(v) ? undefined : '请输入正确的手机号') },
      },
    },
  };
}

function checkApply(input: unknown, clock: Clock): Validated<OperationRequest<'nat.apply'>> {
  const v = validate<OperationRequest<'nat.apply'>>(applySchema(clock), input);
  if (!v.ok) return v;
  const { mode, patientId, person } = v.value;
  if ((patientId === undefined) === (person === undefined)) return fail('INVALID_INPUT', '就诊人与受检人信息须且只能提供其一', 'patientId');
  if (person === undefined) return v;
  // Normalised as the hospital keeps them: trimmed NFC name, upper-case X, the bare mobile.
  return { ok: true, value: { mode, person: { name: person.name.normalize('NFC').trim(), idCardNo: normalizeIdCard(person.idCardNo), phone: normalizeMobile(person.phone) ?? person.phone } } };
}

// Schemas are built when the table is (operations.ts imports this module, and these read its rules).
const natConfirmSchema = (): Schema => ({
  patientId: PATIENT_ID,
  applicationId: ID('检测申请号'),
  amount: CONFIRM_SCHEMA.amount as Schema[string],
  outTradeNo: CONFIRM_SCHEMA.outTradeNo as Schema[string],
  transactionId: CONFIRM_SCHEMA.transactionId as Schema[string],
  paidAt: CONFIRM_SCHEMA.paidAt as Schema[string],
});

/** A survey's answers: 1–20, each a question id with a score 1–5 or a text of at most 200 characters. */
export const surveySubmitSchema = (): Schema => ({
  patientId: PATIENT_ID,
  surveyId: ID('问卷编号'),
  answers: {
    type: 'list',
    label: '答案',
    required: true,
    minItems: 1,
    maxItems: 20,
    fields: {
      questionId: ID('问题编号'),
      score: { type: 'int', label: '评分', min: 1, max: 5 },
      text: { type: 'string', label: '意见和建议', check: (v) => (Array.from(v).length > SURVEY_TEXT_MAX ? `意见和建议不能超过${SURVEY_TEXT_MAX}个字` : undefined) },
    },
  },
});

/** Whose results are asked for: the caller, a name and an ID number (checked as the hospital would). */
const reportPersonSchema = (clock: Clock): Schema => ({
  caller: { type: 'string', label: '调用方', required: true, pattern: /^[A-Za-z0-9_-]{1,64}$/ },
  name: nameRule('姓名'),
  idCardNo: idCardRule('身份证号', clock),
});

type Rows = { [O in keyof ServicesOperations]: Operation<OperationRequest<O>, OperationResponse<O>> };

/** `countSend` counts a code sent for the caller against the front machine's per-caller limit (throws LIMIT_REACHED). */
export function afterVisitOperations(clock: Clock, countSend: (caller: string) => void): Rows {
  return {
    'nat.terms': {
      write: false,
      check: (input) => validate({}, input),
      handle: (_input, { hospital }) => hospital.natTerms(),
    },
    'nat.apply': {
      write: true,
      check: (input) => checkApply(input, clock),
      handle: (request, { hospital }) => hospital.applyNat(request),
    },
    // Idempotent twice over, like bill.confirm: the key here, the outTradeNo at the hospital.
    'nat.confirm': {
      write: true,
      check: (input) => validate(natConfirmSchema(), input),
      handle: (confirmation, { hospital }) => hospital.confirmNat(confirmation),
    },
    'nat.list': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID }, input),
      handle: async ({ patientId }, { hospital }) => ({ applications: await hospital.natApplications(patientId) }),
    },
    'survey.pending': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID }, input),
      handle: async ({ patientId }, { hospital }) => ({ surveys: await hospital.pendingSurveys(patientId) }),
    },
    'survey.get': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID, surveyId: ID('问卷编号') }, input),
      handle: ({ patientId, surveyId }, { hospital }) => hospital.survey(patientId, surveyId),
    },
    'survey.submit': {
      write: true,
      check: (input) => validate(surveySubmitSchema(), input),
      handle: (submission, { hospital }) => hospital.submitSurvey(submission),
    },
    'invoice.list': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID }, input),
      handle: async ({ patientId }, { hospital }) => ({ invoices: await hospital.invoices(patientId) }),
    },
    'nat.reportCode': {
      write: false,
      check: (input) => validate(reportPersonSchema(clock), input),
      handle: (request, { hospital }) => {
        countSend(request.caller);
        return hospital.natReportCode(request);
      },
    },
    'nat.report': {
      write: false,
      check: (input) => validate({ ...reportPersonSchema(clock), challengeId: { type: 'string', label: '验证编号', required: true, pattern: /^[A-Za-z0-9]{1,40}$/ }, code: { type: 'string', label: '验证码', required: true, pattern: SMS_CODE_PATTERN } }, input),
      handle: async (request, { hospital }) => ({ applications: await hospital.natReport(request) }),
    },
    'invoice.pdf': {
      write: false,
      check: (input) => validate({ patientId: PATIENT_ID, invoiceId: ID('票据编号') }, input),
      handle: ({ patientId, invoiceId }, { hospital }) => hospital.invoicePdf(patientId, invoiceId),
    },
  };
}
