/** 就诊人管理: the account's patients (masked), their card state, the default; 添加就诊人 up to the cap. */
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../../behaviors/refresh';
import { isElderMode } from '../../../services/elder-mode';
import { refreshPatients, type PatientsSnapshot } from '../../../services/patients';
import { showLoadError } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';
import { patientRow, type PatientRow } from '../../../view-models/patients';
import { routes } from '../../../routes';

/** The line under 添加就诊人: how many are left, or why the button is off. */
function limitHint(count: number, limit: number): string {
  if (count >= limit) return `每个账号最多${limit}位就诊人，已达上限；如需添加，请先删除不再就诊的就诊人`;
  return `已添加${count}位，还可添加${limit - count}位（每个账号最多${limit}位）`;
}

pageComponent<{ loadedOnce: boolean }>()({
  behaviors: [elderModeBehavior, pullDownRefreshBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    patients: [] as (PatientRow & { url: string })[],
    atLimit: false,
    hint: '',
  },
  methods: {
    onLoad() {
      void this.load();
    },
    onShow() {
      // Back from 添加 or 详情: show what changed there (the first show is onLoad's).
      this.setData({ elder: isElderMode() });
      if (this.loadedOnce) void this.load(false);
    },
    async load(showLoading = true) {
      if (showLoading) this.setData({ state: 'loading' });
      const answer = await refreshPatients();
      this.loadedOnce = true;
      if (!answer.ok) {
        showLoadError(this, answer);
        return;
      }
      this.show(answer.data);
    },
    show(snapshot: PatientsSnapshot) {
      const count = snapshot.patients.length;
      this.setData({
        state: count === 0 ? 'empty' : 'ready',
        patients: snapshot.patients.map((p) => ({ ...patientRow(p), url: routes.patientDetail({ patientId: p.patientId }) })),
        atLimit: count >= snapshot.limit,
        hint: limitHint(count, snapshot.limit),
      });
    },
    onRetry() {
      void this.load();
    },
    onAdd() {
      if (this.data.atLimit) return;
      void wx.navigateTo({ url: routes.patientAdd() });
    },
  },
});
