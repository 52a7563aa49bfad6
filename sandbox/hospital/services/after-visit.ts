/**
 * HSB services of the after-the-visit area (typings/hsb-services.ts): test applications
 * (QueryNatTerms, ApplyNat, ConfirmNatPayment, QueryNatApplications), satisfaction surveys
 * (QuerySurveys, GetSurvey, SubmitSurvey) and fiscal e-invoices (QueryInvoices, GetInvoicePdf).
 */
import type {
  ApplyNatRequest,
  ApplyNatResponse,
  ConfirmNatPaymentRequest,
  ConfirmNatPaymentResponse,
  GetInvoicePdfRequest,
  GetInvoicePdfResponse,
  GetSurveyRequest,
  GetSurveyResponse,
  HsbInvoice,
  HsbNatApplication,
  HsbSurvey,
  QueryInvoicesRequest,
  QueryInvoicesResponse,
  QueryNatApplicationsRequest,
  QueryNatApplicationsResponse,
  QueryNatReportRequest,
  QueryNatReportResponse,
  QueryNatTermsResponse,
  QuerySurveysRequest,
  SendNatReportCodeRequest,
  SendNatReportCodeResponse,
  QuerySurveysResponse,
  SubmitSurveyRequest,
  SubmitSurveyResponse,
} from '../../../typings/hsb-services';
import { parseIdCard } from '../../../miniprogram/core/idcard';
import { normalizeMobile } from '../../../miniprogram/core/phone';
import { yuanToFen } from '../../../miniprogram/core/money';
import { CODE_PATTERN } from '../../../miniprogram/core/validate';
import { findPatient } from '../patients';
import { fenToYuan } from '../xml';
import { FONT_MISSING_MESSAGE, InvoiceFontMissingError, renderInvoicePdf } from '../after-visit/invoice-pdf';
import { findPatientInvoice, patientInvoices, type IssuedInvoice } from '../after-visit/invoices';
import { applyNat, confirmNatPayment, patientApplications, personApplications, readNatTerms, type NatApplicationRow } from '../after-visit/nat';
import { formatHospital } from '../../../miniprogram/core/time';
import { NEUTRAL_REFUSAL, SMS_CODE_PATTERN, retryText } from '../../../miniprogram/core/verification';
import { SURVEY_QUESTIONS, findSurvey, pendingSurveys, submitSurvey, surveyState, type SurveyRow } from '../after-visit/surveys';
import { PAYMENT_PARAMS } from './billing';
import type { ServiceHandler } from './context';
import { ok, readParams, refuse } from './context';

const PATIENT_ID = { type: 'string', label: '患者编号', required: true, pattern: CODE_PATTERN } as const;
const PATIENT_UNKNOWN = '患者不存在';

// ---- test applications ----------------------------------------------------------------------------

export function toHsbNatApplication(a: NatApplicationRow): HsbNatApplication {
  return {
    ApplicationNo: a.applicationNo,
    SampleCode: a.sampleCode,
    Mode: a.mode === 1 ? '1' : '2',
    Fee: fenToYuan(a.fee),
    PayMode: a.payMode,
    Status: String(a.status) as HsbNatApplication['Status'],
    Result: a.result === null ? '' : a.result === 1 ? '1' : '2',
    PersonName: a.personName,
    ApplyTime: a.applyTime,
    SampleTime: a.sampleTime ?? '',
    ReportTime: a.reportTime ?? '',
  };
}

export const queryNatTerms: ServiceHandler<QueryNatTermsResponse> = (_body, { db }) => {
  const t = readNatTerms(db);
  return ok({ NatTerms: { PayMode: t.payMode, SingleFee: fenToYuan(t.singleFee), MixedFee: fenToYuan(t.mixedFee) } });
};

export const applyNatService: ServiceHandler<ApplyNatResponse> = (body, { db, now }) => {
  const params = readParams<ApplyNatRequest>(
    {
      Mode: { type: 'enum', label: '检测方式', required: true, values: ['1', '2'] },
      PatientId: { ...PATIENT_ID, required: false },
      PersonName: { type: 'string', label: '姓名', maxLength: 30 },
      IdCardNo: { type: 'string', label: '身份证号' },
      Phone: { type: 'string', label: '手机号' },
    },
    body,
  );
  if (!params.ok) return params.refusal;
  const { Mode, PatientId, PersonName, IdCardNo, Phone } = params.value;
  const mode = Mode === '1' ? 1 : 2;
  const hasPerson = PersonName !== undefined || IdCardNo !== undefined || Phone !== undefined;
  if ((PatientId !== undefined) === hasPerson) return refuse('1002', '患者编号与受检人信息须且只能提供其一');
  let outcome;
  if (PatientId !== undefined) outcome = applyNat(db, { patientId: PatientId }, mode, now());
  else {
    if (PersonName === undefined || PersonName.trim() === '') return refuse('1002', '请填写受检人姓名');
    const idCard = parseIdCard(IdCardNo ?? '', now());
    if (!idCard.ok) return refuse('1002', idCard.message);
    const phone = normalizeMobile(Phone ?? '');
    if (phone === null) return refuse('1002', '手机号格式不正确');
    outcome = applyNat(db, { person: { name: PersonName, idCard: idCard.value, phone } }, mode, now());
  }
  if (!outcome.ok) return refuse(outcome.code, outcome.message);
  return ok({ PatientId: outcome.application.patientId, Application: toHsbNatApplication(outcome.application) });
};

export const confirmNatPaymentService: ServiceHandler<ConfirmNatPaymentResponse> = (body, { db }) => {
  const params = readParams<ConfirmNatPaymentRequest>(
    {
      PatientId: PATIENT_ID,
      ApplicationNo: { type: 'string', label: '申请单号', required: true, pattern: CODE_PATTERN },
      ...PAYMENT_PARAMS,
    },
    body,
  );
  if (!params.ok) return params.refusal;
  const p = params.value;
  if (findPatient(db, p.PatientId) === undefined) return refuse('1001', PATIENT_UNKNOWN);
  const outcome = confirmNatPayment(db, {
    patientId: p.PatientId,
    applicationNo: p.ApplicationNo,
    totalFee: yuanToFen(p.TotalFee) ?? -1,
    tradeNo: p.TradeNo,
    transactionId: p.TransactionId,
    payTime: p.PayTime,
  });
  if (!outcome.ok) return refuse(outcome.code, outcome.message);
  return ok({ ReceiptNo: outcome.receiptNo, Application: toHsbNatApplication(outcome.application) });
};

export const queryNatApplications: ServiceHandler<QueryNatApplicationsResponse> = (body, { db }) => {
  const params = readParams<QueryNatApplicationsRequest>({ PatientId: PATIENT_ID }, body);
  if (!params.ok) return params.refusal;
  if (findPatient(db, params.value.PatientId) === undefined) return refuse('1001', PATIENT_UNKNOWN);
  return ok({ Applications: { Application: patientApplications(db, params.value.PatientId).map(toHsbNatApplication) } });
};

// ---- satisfaction surveys -----------------------------------------------------------------------

function toHsbSurvey(row: SurveyRow, nowMs: number): HsbSurvey {
  return {
    SurveyNo: row.surveyNo,
    VisitNo: row.visitNo,
    VisitDate: row.visitDate,
    DeptName: row.deptName,
    DoctorName: row.doctorName,
    Deadline: row.deadline,
    Status: String(surveyState(row, nowMs)) as HsbSurvey['Status'],
  };
}

export const querySurveys: ServiceHandler<QuerySurveysResponse> = (body, { db, now }) => {
  const params = readParams<QuerySurveysRequest>({ PatientId: PATIENT_ID }, body);
  if (!params.ok) return params.refusal;
  if (findPatient(db, params.value.PatientId) === undefined) return refuse('1001', PATIENT_UNKNOWN);
  return ok({ Surveys: { Survey: pendingSurveys(db, params.value.PatientId, now()).map((row) => toHsbSurvey(row, now())) } });
};

const SURVEY_NO = { type: 'string', label: '问卷编号', required: true, pattern: CODE_PATTERN } as const;

export const getSurvey: ServiceHandler<GetSurveyResponse> = (body, { db, now }) => {
  const params = readParams<GetSurveyRequest>({ PatientId: PATIENT_ID, SurveyNo: SURVEY_NO }, body);
  if (!params.ok) return params.refusal;
  const row = findSurvey(db, params.value.SurveyNo);
  // Another patient's survey is not found: the hospital never says whose it is.
  if (row === undefined || row.patientId !== params.value.PatientId) return refuse('1001', '问卷不存在');
  return ok({
    Survey: toHsbSurvey(row, now()),
    Questions: { Question: SURVEY_QUESTIONS.map((q) => ({ QuestionId: q.questionId, Type: q.type === 'score' ? '1' : '2', Title: q.title })) },
  });
};

export const submitSurveyService: ServiceHandler<SubmitSurveyResponse> = (body, { db, now }) => {
  const params = readParams<{ PatientId: string; SurveyNo: string }>({ PatientId: PATIENT_ID, SurveyNo: SURVEY_NO }, { PatientId: body.PatientId, SurveyNo: body.SurveyNo });
  if (!params.ok) return params.refusal;
  const container = body.Answers;
  const list = typeof container === 'object' && container !== null ? (container as Record<string, unknown>).Answer : undefined;
  if (!Array.isArray(list) || list.length === 0) return refuse('1002', '请填写答案');
  const answers: SubmitSurveyRequest['Answers']['Answer'] = [];
  for (const item of list) {
    const read = readParams<SubmitSurveyRequest['Answers']['Answer'][number]>(
      { QuestionId: { type: 'string', label: '问题编号', required: true, pattern: CODE_PATTERN }, Score: { type: 'enum', label: '评分', values: ['1', '2', '3', '4', '5'] }, Text: { type: 'string', label: '文字' } },
      typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {},
    );
    if (!read.ok) return read.refusal;
    answers.push(read.value);
  }
  const outcome = submitSurvey(
    db,
    params.value.PatientId,
    params.value.SurveyNo,
    answers.map((a) => ({ questionId: a.QuestionId, score: a.Score === undefined ? undefined : Number(a.Score), text: a.Text })),
    now(),
  );
  if (!outcome.ok) return refuse(outcome.code, outcome.message);
  return ok({ SurveyNo: params.value.SurveyNo, AnswerTime: outcome.answeredAt });
};

// ---- fiscal e-invoices --------------------------------------------------------------------------

function toHsbInvoice(i: IssuedInvoice): HsbInvoice {
  return {
    InvoiceCode: i.invoiceCode,
    InvoiceNumber: i.invoiceNumber,
    CheckCode: i.checkCode,
    PayerName: i.payerName,
    Title: i.title,
    TotalFee: fenToYuan(i.totalFee),
    IssueTime: i.issueTime,
    Items: { Item: i.items.map((item) => ({ Category: item.category, Amount: fenToYuan(item.amount) })) },
  };
}

export const queryInvoices: ServiceHandler<QueryInvoicesResponse> = (body, { db }) => {
  const params = readParams<QueryInvoicesRequest>({ PatientId: PATIENT_ID }, body);
  if (!params.ok) return params.refusal;
  if (findPatient(db, params.value.PatientId) === undefined) return refuse('1001', PATIENT_UNKNOWN);
  return ok({ Invoices: { Invoice: patientInvoices(db, params.value.PatientId).map(toHsbInvoice) } });
};

export const getInvoicePdf: ServiceHandler<GetInvoicePdfResponse> = async (body, { db }) => {
  const params = readParams<GetInvoicePdfRequest>({ PatientId: PATIENT_ID, InvoiceId: { type: 'string', label: '票据编号', required: true, pattern: CODE_PATTERN } }, body);
  if (!params.ok) return params.refusal;
  const invoice = findPatientInvoice(db, params.value.PatientId, params.value.InvoiceId);
  if (invoice === undefined) return refuse('1001', '电子票据不存在');
  const hospitalName = db.prepare('SELECT name FROM hospital WHERE id = 1').pluck().get() as string;
  try {
    const pdf = await renderInvoicePdf(invoice, hospitalName);
    return ok({ FileName: `电子票据-${invoice.invoiceId}.pdf`, PdfData: pdf.toString('base64') });
  } catch (error) {
    // The one failure we can name: the server lacks the font. Anything else is a bug and surfaces as 9999 too.
    if (error instanceof InvoiceFontMissingError) return refuse('9999', FONT_MISSING_MESSAGE);
    throw error;
  }
};

// ---- a companion's results: a code to the phone given at application --------------------------------

/** What the answer says about where the code went: never the phone, so it does not tell whether there is one. */
export const NAT_REPORT_SENT_TO = '申请检测时填写的手机号';

const CALLER = { type: 'string', label: '调用方', required: true, pattern: /^[A-Za-z0-9_-]{1,64}$/ } as const;
const PERSON_NAME = { type: 'string', label: '姓名', required: true, maxLength: 30 } as const;
const ID_CARD_NO = { type: 'string', label: '身份证号', required: true, maxLength: 18 } as const;

/** Who a report query is about: one subject per ID number, whatever name is typed. */
function reportSubject(idCardNo: string): string {
  return `nat-report|${idCardNo.toUpperCase()}`;
}

export const sendNatReportCode: ServiceHandler<SendNatReportCodeResponse> = (body, { db, now, codes }) => {
  const params = readParams<SendNatReportCodeRequest>({ PersonName: PERSON_NAME, IdCardNo: ID_CARD_NO, Caller: CALLER }, body);
  if (!params.ok) return params.refusal;
  const nowMs = now();
  const idCard = parseIdCard(params.value.IdCardNo, nowMs);
  if (!idCard.ok) return refuse('1002', idCard.message);
  // The phone of the person's latest application, when name and ID agree; otherwise a decoy that can never be answered.
  const phone = personApplications(db, params.value.PersonName, idCard.value.idCardNo)[0]?.phone ?? null;
  const outcome = codes.sendToRecordedPhone(params.value.Caller, reportSubject(idCard.value.idCardNo), phone === '' ? null : phone, nowMs);
  if (!outcome.ok) return refuse('2003', `验证码发送过于频繁，${retryText(outcome.retryAt)}`);
  return ok({ Challenge: { ChallengeNo: outcome.challengeNo, SentTo: NAT_REPORT_SENT_TO, ExpireTime: formatHospital(outcome.expiresAt), ResendTime: formatHospital(outcome.resendAt) } });
};

export const queryNatReport: ServiceHandler<QueryNatReportResponse> = (body, { db, now, codes }) => {
  const params = readParams<QueryNatReportRequest>(
    {
      PersonName: PERSON_NAME,
      IdCardNo: ID_CARD_NO,
      Caller: CALLER,
      ChallengeNo: { type: 'string', label: '验证编号', required: true, pattern: /^[A-Za-z0-9]{1,40}$/ },
      VerifyCode: { type: 'string', label: '验证码', required: true, pattern: SMS_CODE_PATTERN },
    },
    body,
  );
  if (!params.ok) return params.refusal;
  const { PersonName, IdCardNo, Caller, ChallengeNo, VerifyCode } = params.value;
  const nowMs = now();
  const idCard = parseIdCard(IdCardNo, nowMs);
  if (!idCard.ok) return refuse('1002', idCard.message);
  const subject = reportSubject(idCard.value.idCardNo);
  const checked = db.transaction(() => codes.check(ChallengeNo, Caller, 'PHONE', codes.recordDetails(subject), VerifyCode, nowMs)).immediate();
  if (!checked.ok) return refuse('2001', NEUTRAL_REFUSAL);
  return ok({ Applications: { Application: personApplications(db, PersonName, idCard.value.idCardNo).map(toHsbNatApplication) } });
};
