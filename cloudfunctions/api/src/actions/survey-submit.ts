/**
 * `survey.submit`: the answers go to the hospital, once per visit (a second time is its
 * RULE_VIOLATION); the cloud keeps only that the survey was answered (surveyMarks), never the answers.
 */
import { CODE_PATTERN } from '../../../../miniprogram/core/validate';
import { AppError } from '../../../../miniprogram/core/errors';
import { isSurveyAnswered, markSurveyAnswered } from '../../../common/after-visit/cloud-store';
import type { ActionDefinition } from '../action';
import { SURVEY_ID_RULE, SURVEY_TEXT_MAX } from './after-visit';
import { PATIENT_ID_RULE } from './patients';
import { idempotencyKey } from './booking';

/** The hospital's own words for a second submission (sandbox/hospital/after-visit/surveys.ts). */
export const SURVEY_ANSWERED = '该次就诊已评价，感谢您的反馈';

export const surveySubmit: ActionDefinition<'survey.submit', { patient: 'patientId' }> = {
  schema: {
    patientId: PATIENT_ID_RULE,
    surveyId: SURVEY_ID_RULE,
    answers: {
      type: 'list',
      label: '答案',
      required: true,
      minItems: 1,
      maxItems: 20,
      fields: {
        questionId: { type: 'string', label: '问题', required: true, pattern: CODE_PATTERN },
        score: { type: 'int', label: '评分', min: 1, max: 5 },
        text: { type: 'string', label: '意见和建议', check: (v) => (Array.from(v).length > SURVEY_TEXT_MAX ? `意见和建议不能超过${SURVEY_TEXT_MAX}个字` : undefined) },
      },
    },
  },
  scope: { patient: 'patientId' },
  async handler(ctx, input) {
    const patientId = ctx.patient.patientId;
    // Answered before (the only thing the cloud keeps): refused without asking the hospital again.
    if (await isSurveyAnswered(input.surveyId)) throw new AppError('RULE_VIOLATION', SURVEY_ANSWERED, 'surveyId');
    // One key per survey and answers: a retried submission gets the first answer; other answers meet the hospital's refusal.
    const submitted = await ctx.frontMachine.call(
      'survey.submit',
      { patientId, surveyId: input.surveyId, answers: input.answers },
      { idempotencyKey: idempotencyKey('survey.submit', patientId, input.surveyId, JSON.stringify(input.answers)) },
    );
    await markSurveyAnswered(input.surveyId, { openid: ctx.openid, patientId, answeredAt: Date.parse(submitted.answeredAt) });
    return submitted;
  },
};
