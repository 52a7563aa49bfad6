/** 就诊详情: one visit's outpatient record (主诉, 现病史, 体格检查, 诊断, 处理意见) and its prescriptions. */
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { loadVisit } from '../../../services/records';
import { loadInto } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';
import { visitView } from '../view';

pageComponent<{ patientId: string; visitId: string }>()({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    heading: '',
    record: [] as ReturnType<typeof visitView>['record'],
    prescriptions: [] as ReturnType<typeof visitView>['prescriptions'],
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.patientId = query.patientId ?? '';
      this.visitId = query.visitId ?? '';
      void this.load();
    },
    async load() {
      if (this.patientId === '' || this.visitId === '') {
        this.setData({ state: 'error', errorMessage: '未指定就诊记录，请返回就诊记录重新选择' });
        return;
      }
      await loadInto(this, () => loadVisit(this.patientId, this.visitId), (detail) => visitView(detail));
    },
    onRetry() {
      void this.load();
    },
  },
});
