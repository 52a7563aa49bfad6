/**
 * Satisfaction surveys (满意度调查): one per finished visit, invited at 19:00 of the visit day (the
 * push pipeline's 满意度评价), answered once before its deadline. Answers stay at the hospital.
 */
import type { HospitalDate } from '../../../typings/hospital';
import { dateRange, formatHospital } from '../../../miniprogram/core/time';
import type { HospitalDb } from '../db';
import { afterVisitData, type SurveyQuestionData } from './data';

/** Survey states as the HSB writes them: 0 pending, 1 answered, 2 expired. */
export type SurveyState = 0 | 1 | 2;

export interface SurveyRow {
  surveyNo: string;
  visitNo: string;
  patientId: string;
  visitDate: HospitalDate;
  deptName: string;
  doctorName: string;
  inviteAt: string;
  deadline: string;
  answeredAt: string | null;
}

const SELECT_SURVEY = `
  SELECT s.survey_no AS surveyNo, s.visit_no AS visitNo, s.patient_id AS patientId, v.visit_date AS visitDate,
         p.name AS deptName, d.name AS doctorName, s.invite_at AS inviteAt, s.deadline, s.answered_at AS answeredAt
    FROM surveys s
    JOIN visits v ON v.visit_no = s.visit_no
    JOIN departments p ON p.code = v.dept_code
    JOIN doctors d ON d.code = v.doctor_code`;

/** The questionnaire every visit's survey asks. */
export const SURVEY_QUESTIONS: readonly SurveyQuestionData[] = afterVisitData.survey.questions;
/** Longest text answer, in characters. */
export const SURVEY_TEXT_MAX = afterVisitData.survey.textMaxLength;

/** When the hospital invites the patient to answer: 19:00 of the visit day (Shanghai wall time). The push pipeline's 满意度评价 event. */
export function surveyInvitationTime(visitDate: HospitalDate): string {
  return `${visitDate} ${afterVisitData.survey.inviteAt}`;
}

/** The last instant answers are taken: the end of the answer window's last day. */
export function surveyDeadline(visitDate: HospitalDate): string {
  const days = afterVisitData.survey.answerDays;
  return `${dateRange(visitDate, days + 1)[days]} 23:59:59`;
}

/** Creates the visit's survey inside the visit's own transaction (billing.ts createVisit). */
export function createSurveyForVisit(db: HospitalDb, visitNo: string, patientId: string, visitDate: HospitalDate): string {
  const seq = db.prepare('SELECT COALESCE(MAX(seq), 0) + 1 FROM surveys').pluck().get() as number;
  const surveyNo = `MY${10_000_000 + seq}`;
  db.prepare('INSERT INTO surveys (seq, survey_no, visit_no, patient_id, invite_at, deadline) VALUES (?, ?, ?, ?, ?, ?)').run(
    seq,
    surveyNo,
    visitNo,
    patientId,
    surveyInvitationTime(visitDate),
    surveyDeadline(visitDate),
  );
  return surveyNo;
}

/** Surveys whose 19:00 invitation falls in [from, to) (wall times): what the push pipeline announces. */
export function surveysInvitedBetween(db: HospitalDb, from: string, to: string): SurveyRow[] {
  return db.prepare(`${SELECT_SURVEY} WHERE s.invite_at >= ? AND s.invite_at < ? ORDER BY s.seq`).all(from, to) as SurveyRow[];
}

export function findSurvey(db: HospitalDb, surveyNo: string): SurveyRow | undefined {
  return db.prepare(`${SELECT_SURVEY} WHERE s.survey_no = ?`).get(surveyNo) as SurveyRow | undefined;
}

export function surveyState(row: SurveyRow, nowMs: number): SurveyState {
  if (row.answeredAt !== null) return 1;
  return formatHospital(nowMs) > row.deadline ? 2 : 0;
}

/** A patient's surveys still to answer on the hospital clock, newest visit first. */
export function pendingSurveys(db: HospitalDb, patientId: string, nowMs: number): SurveyRow[] {
  const rows = db.prepare(`${SELECT_SURVEY} WHERE s.patient_id = ? AND s.answered_at IS NULL ORDER BY s.seq DESC`).all(patientId) as SurveyRow[];
  return rows.filter((row) => surveyState(row, nowMs) === 0);
}

export interface SurveyAnswerInput {
  questionId: string;
  score?: number;
  text?: string;
}

export type SubmitOutcome =
  | { ok: true; answeredAt: string }
  | { ok: false; code: '1001' | '1002' | '2001'; message: string };

/**
 * Records the answers once, in one write transaction: every score question needs a score 1–5, a text
 * question at most 200 characters, no unknown or repeated question; answered before or past the
 * deadline → 2001.
 */
export function submitSurvey(db: HospitalDb, patientId: string, surveyNo: string, answers: SurveyAnswerInput[], nowMs: number): SubmitOutcome {
  const byId = new Map(SURVEY_QUESTIONS.map((q) => [q.questionId, q]));
  const seen = new Set<string>();
  for (const a of answers) {
    const question = byId.get(a.questionId);
    if (question === undefined) return { ok: false, code: '1002', message: `问题不存在：${a.questionId}` };
    if (seen.has(a.questionId)) return { ok: false, code: '1002', message: `问题重复作答：${a.questionId}` };
    seen.add(a.questionId);
    if (question.type === 'score' && (a.score === undefined || !Number.isInteger(a.score) || a.score < 1 || a.score > 5)) {
      return { ok: false, code: '1002', message: `“${question.title}”请评1到5分` };
    }
    if (question.type === 'score' && a.text !== undefined) return { ok: false, code: '1002', message: `“${question.title}”只需评分` };
    if (question.type === 'text' && a.score !== undefined) return { ok: false, code: '1002', message: `“${question.title}”只需填写文字` };
    if (a.text !== undefined && Array.from(a.text).length > SURVEY_TEXT_MAX) return { ok: false, code: '1002', message: `意见和建议不能超过${SURVEY_TEXT_MAX}个字` };
  }
  const unanswered = SURVEY_QUESTIONS.find((q) => q.type === 'score' && !seen.has(q.questionId));
  if (unanswered !== undefined) return { ok: false, code: '1002', message: `请为“${unanswered.title}”评分` };

  const submit = db.transaction((): SubmitOutcome => {
    const row = findSurvey(db, surveyNo);
    if (row === undefined || row.patientId !== patientId) return { ok: false, code: '1001', message: '问卷不存在' };
    const state = surveyState(row, nowMs);
    if (state === 1) return { ok: false, code: '2001', message: '该次就诊已评价，感谢您的反馈' };
    if (state === 2) return { ok: false, code: '2001', message: '该问卷已过评价期限' };
    const answeredAt = formatHospital(nowMs);
    const insert = db.prepare('INSERT INTO survey_answers (survey_no, question_id, score, text) VALUES (?, ?, ?, ?)');
    for (const a of answers) insert.run(surveyNo, a.questionId, a.score ?? null, a.text ?? null);
    db.prepare('UPDATE surveys SET answered_at = ? WHERE survey_no = ?').run(answeredAt, surveyNo);
    return { ok: true, answeredAt };
  });
  return submit.immediate();
}

/** What the hospital recorded for a survey (tests and staff). */
export function surveyAnswers(db: HospitalDb, surveyNo: string): { questionId: string; score: number | null; text: string | null }[] {
  return db.prepare('SELECT question_id AS questionId, score, text FROM survey_answers WHERE survey_no = ? ORDER BY question_id').all(surveyNo) as {
    questionId: string;
    score: number | null;
    text: string | null;
  }[];
}
