/** How the 核酸 pages show applications and the hospital's terms. Pure: no wx. */
import type { NatApplication, NatMode, NatTerms } from '../../../typings/services';
import { formatHospital } from '../../core/time';
import { formatFen } from '../../view-models/format';

const STATUS_TEXT: Record<NatApplication['status'], string> = { unpaid: '待缴费', waiting: '待采样', sampled: '检测中', reported: '已出结果' };
const RESULT_TEXT = { negative: '阴性', positive: '阳性' } as const;
const MODE_TEXT: Record<NatMode, string> = { single: '单检', mixed: '混检' };

/** An application as a row shows it. */
export interface ApplicationView {
  applicationId: string;
  code: string;
  title: string;
  label: string;
  statusText: string;
  tagType: 'primary' | 'warning' | 'success' | 'danger' | 'default';
  resultText: string;
  showCode: boolean;
}

export function applicationView(a: NatApplication): ApplicationView {
  const result = a.result === null ? '' : RESULT_TEXT[a.result];
  return {
    applicationId: a.applicationId,
    code: a.code,
    title: `${MODE_TEXT[a.mode]} ${formatFen(a.fee)}`,
    label: `申请于 ${formatHospital(Date.parse(a.appliedAt), 'YYYY-MM-DD HH:mm')}${a.reportedAt ? ` · 报告于 ${formatHospital(Date.parse(a.reportedAt), 'MM-DD HH:mm')}` : ''}`,
    statusText: result === '' ? STATUS_TEXT[a.status] : `${STATUS_TEXT[a.status]}：${result}`,
    tagType: a.result === 'positive' ? 'danger' : a.result === 'negative' ? 'success' : a.status === 'unpaid' ? 'warning' : 'primary',
    resultText: result,
    showCode: a.status === 'waiting',
  };
}

export function termsView(t: NatTerms): { payText: string; singleText: string; mixedText: string } {
  return {
    payText: t.payMode === 'online' ? '申请时在线缴费，凭检测码到采样点采样' : '凭检测码到采样点采样，扫码时现场缴费',
    singleText: `单检（一人一管）${formatFen(t.fees.single)}`,
    mixedText: `混检（多人一管）${formatFen(t.fees.mixed)}`,
  };
}

