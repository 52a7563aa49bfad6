/**
 * 首页: the services lead (one entry per service, HOME_SERVICES), then the hospital's notice strip and
 * the current patient's compact card with the check-in code. Pull down to refresh; when the hospital
 * system is down the notice and name come from the last good copy with the banner.
 */
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { pullDownRefreshBehavior } from '../../behaviors/refresh';
import { loadHospitalInfo } from '../../services/hospital';
import { loadLatest, type LatestLoadingPage } from '../../behaviors/load';
import { pageComponent } from '../../behaviors/page';
import { HOME_SERVICES } from '../../view-models/services';

pageComponent<LatestLoadingPage>()({
  behaviors: [elderModeBehavior, pullDownRefreshBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    hospitalName: '',
    hospitalLevel: '',
    notice: '',
    staleSince: '',
    services: HOME_SERVICES,
  },
  lifetimes: {
    attached() {
      this.request = 0;
      this.loadedOnce = false;
    },
  },
  methods: {
    onLoad() {
      void this.load();
    },
    /** A refresh keeps the name and notice on screen while it asks. */
    async load(showLoading = true) {
      const hospital = await loadLatest(this, loadHospitalInfo, showLoading);
      if (hospital === undefined) return;
      this.setData({ state: 'ready', hospitalName: hospital.name, hospitalLevel: hospital.level, notice: hospital.notice ?? '', staleSince: hospital.staleSince ?? '' });
    },
    onRetry() {
      void this.load();
    },
  },
});
