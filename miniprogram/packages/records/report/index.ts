/**
 * 报告详情: a finished report. A lab report lists critical and abnormal results first, each marked
 * in words (偏高 / 偏低 / 异常 / 危急) and arrows as well as colour; a numeric result opens its trend.
 * An exam report shows its findings and conclusion, a pathology report its diagnosis.
 */
import type { ReportDetail } from '../../../../typings/records';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { isAbnormal } from '../../../core/records';
import { loadReport } from '../../../services/records';
import { loadInto } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';
import { resultRows, TREND_URL, type ResultRow } from '../view';

/** The sections of an exam or pathology report, in reading order. */
function textSections(content: ReportDetail['content']): { key: string; title: string; text: string }[] {
  if (content.kind === 'exam') {
    return [
      { key: 'part', title: '检查部位', text: `${content.bodyPart}（${content.method}）` },
      { key: 'findings', title: '检查所见', text: content.findings },
      { key: 'conclusion', title: '诊断意见', text: content.conclusion },
    ];
  }
  if (content.kind === 'pathology') {
    return [
      { key: 'specimen', title: '送检标本', text: content.specimen },
      { key: 'gross', title: '肉眼所见', text: content.gross },
      { key: 'microscopic', title: '镜下所见', text: content.microscopic },
      { key: 'diagnosis', title: '病理诊断', text: content.diagnosis },
    ];
  }
  return [];
}

function reportData(detail: ReportDetail): Record<string, unknown> {
  const { report, content } = detail;
  const results = content.kind === 'lab' ? content.results : [];
  const abnormal = results.filter(isAbnormal).length;
  const critical = results.filter((r) => r.critical).length;
  return {
    title: report.title,
    meta: `${report.deptName} · 报告医生 ${detail.reporter} · 审核 ${detail.reviewer}`,
    kind: content.kind,
    specimen: content.kind === 'lab' ? content.specimen : '',
    summary: content.kind !== 'lab' ? '' : abnormal === 0 ? '全部结果在参考范围内' : `异常 ${abnormal} 项${critical > 0 ? `，其中危急值 ${critical} 项，请尽快联系医生` : ''}`,
    results: resultRows(results),
    sections: textSections(content),
  };
}

pageComponent<{ patientId: string; reportId: string }>()({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    title: '',
    meta: '',
    kind: '',
    specimen: '',
    summary: '',
    results: [] as ResultRow[],
    sections: [] as { key: string; title: string; text: string }[],
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.patientId = query.patientId ?? '';
      this.reportId = query.reportId ?? '';
      void this.load();
    },
    async load() {
      if (this.patientId === '' || this.reportId === '') {
        this.setData({ state: 'error', errorMessage: '未指定报告，请返回报告查询重新选择' });
        return;
      }
      await loadInto(this, () => loadReport(this.patientId, this.reportId), reportData);
    },
    onTrend(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { itemCode: string; numeric: boolean }>) {
      const { itemCode, numeric } = event.currentTarget.dataset;
      if (!numeric) return;
      void wx.navigateTo({ url: `${TREND_URL}?patientId=${encodeURIComponent(this.patientId)}&itemCode=${encodeURIComponent(itemCode)}` });
    },
    onRetry() {
      void this.load();
    },
  },
});
