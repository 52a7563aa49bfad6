/** 指标趋势: a lab item's values across the patient's finished reports, drawn as dots over the reference band and listed. */
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { loadTrend } from '../../../services/records';
import { loadInto } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';
import { trendView } from '../view';

pageComponent<{ patientId: string; itemCode: string }>()({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    title: '',
    range: '',
    points: [] as ReturnType<typeof trendView>['points'],
    band: null as ReturnType<typeof trendView>['band'],
    rows: [] as ReturnType<typeof trendView>['rows'],
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.patientId = query.patientId ?? '';
      this.itemCode = query.itemCode ?? '';
      void this.load();
    },
    async load() {
      if (this.patientId === '' || this.itemCode === '') {
        this.setData({ state: 'error', errorMessage: '未指定检验项目，请返回报告重新选择' });
        return;
      }
      await loadInto(this, () => loadTrend(this.patientId, this.itemCode), (trend) => trendView(trend));
    },
    onRetry() {
      void this.load();
    },
  },
});
