/**
 * What the records actions share (issue 13): the shapes of their ids. Visits and reports are
 * fetched live through the front machine for one answer and never written to the cloud database
 * or a log; the hospital checks every id against the patient the router resolved.
 */
import { CODE_PATTERN, type StringRule } from '../../../../miniprogram/core/validate';

/** The hospital's visit number (就诊流水号). */
export const VISIT_ID_RULE: StringRule = { type: 'string', label: '就诊记录编号', required: true, pattern: CODE_PATTERN };
/** The hospital's report number (报告单号). */
export const REPORT_ID_RULE: StringRule = { type: 'string', label: '报告单号', required: true, pattern: CODE_PATTERN };
/** A lab item's code as the LIS writes it (WBC, NEUT%, U-PH). */
export const ITEM_CODE_RULE: StringRule = { type: 'string', label: '检验项目', required: true, pattern: /^[A-Za-z0-9%#_-]{1,20}$/ };
