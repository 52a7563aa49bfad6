/**
 * What the after-the-visit actions share (tests, surveys, e-invoices): request rules. Shared by the
 * action modules, not an action itself.
 */
import type { StringRule } from '../../../../miniprogram/core/validate';
import { CODE_PATTERN } from '../../../../miniprogram/core/validate';

export const SURVEY_ID_RULE: StringRule = { type: 'string', label: '问卷', required: true, pattern: CODE_PATTERN };
export const INVOICE_ID_RULE: StringRule = { type: 'string', label: '电子票据', required: true, pattern: /^\d{18}$/ };
/** Longest text answer of a survey, in characters (emoji count once). */
export const SURVEY_TEXT_MAX = 200;
