/** `survey.get`: one of a bound patient's surveys and its questions; another patient's survey is NOT_FOUND at the hospital. */
import type { ActionDefinition } from '../action';
import { SURVEY_ID_RULE } from './after-visit';
import { PATIENT_ID_RULE } from './patients';

export const surveyGet: ActionDefinition<'survey.get', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE, surveyId: SURVEY_ID_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx, input) {
    return ctx.frontMachine.call('survey.get', { patientId: ctx.patient.patientId, surveyId: input.surveyId });
  },
};
