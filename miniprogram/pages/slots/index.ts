/**
 * 选择就诊时段: one clinic session (doctor, date, half-day, fee) and its timed slots as a grid of
 * choices, 可约 or 已约; picking one opens the confirmation. Coming back (e.g. after a slot was
 * taken meanwhile) asks again, so the grid shows what is left.
 */
import type { SlotListResponse } from '../../../typings/booking';
import { elderModeBehavior } from '../../behaviors/elder-mode';
import { loadSlots } from '../../services/booking';
import { bookingMode, MODE_TITLES, sessionSummary, slotViews, type SessionSummary, type SlotView } from '../../view-models/booking';
import { showLoadError } from '../../behaviors/load';
import { pageComponent } from '../../behaviors/page';
import { routes } from '../../routes';

/** Non-render state. */
interface SlotsPageState {
  scheduleId: string;
  /** Bumped per load, so a late answer is dropped. */
  request: number;
  /** Set after the first answer: from then on showing the page again refreshes the grid. */
  loadedOnce: boolean;
}

export const MISSING_SCHEDULE_MESSAGE = '未找到该出诊安排，请返回重新选择';

pageComponent<SlotsPageState>()({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    emptyText: '',
    session: null as SessionSummary | null,
    modeTitle: '',
    modeHint: '',
    slots: [] as SlotView[],
    availableCount: 0,
  },
  lifetimes: {
    attached() {
      this.scheduleId = '';
      this.request = 0;
      this.loadedOnce = false;
    },
    detached() {
      this.request += 1;
    },
  },
  pageLifetimes: {
    show() {
      if (this.loadedOnce) void this.load(false);
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.scheduleId = decodeURIComponent(query.scheduleId ?? '');
      void this.load();
    },
    async load(showLoading = true) {
      if (this.scheduleId === '') {
        this.setData({ state: 'error', errorMessage: MISSING_SCHEDULE_MESSAGE });
        return;
      }
      this.request += 1;
      const request = this.request;
      if (showLoading) this.setData({ state: 'loading' });
      const answer = await loadSlots(this.scheduleId);
      if (request !== this.request) return;
      this.loadedOnce = true;
      if (!answer.ok) {
        // A quiet refresh that fails keeps the grid the patient already sees.
        if (showLoading || this.data.state !== 'ready') showLoadError(this, answer);
        return;
      }
      this.show(answer.data);
    },
    show({ schedule, slots }: SlotListResponse) {
      const views = slotViews(slots);
      const mode = bookingMode(schedule.date, Date.now());
      const base = {
        session: sessionSummary(schedule),
        modeTitle: MODE_TITLES[mode],
        modeHint: mode === 'registration' ? '今日号源，挂号后需立即支付挂号费' : '预约成功后，就诊当日需在就诊时段开始前取号',
        slots: views,
        availableCount: views.filter((s) => s.available).length,
      };
      if (schedule.status === 'stopped') {
        this.setData({ ...base, state: 'empty', emptyText: '该医生本时段停诊，请选择其他医生或日期' });
      } else if (views.length === 0) {
        this.setData({ ...base, state: 'empty', emptyText: '本时段暂无可预约号源，请选择其他医生或日期' });
      } else {
        this.setData({ ...base, state: 'ready' });
      }
      void wx.setNavigationBarTitle({ title: `${schedule.doctorName} ${base.session.dateText}` });
    },
    onRetry() {
      void this.load();
    },
    onPick(event: { currentTarget: { dataset: { slotId?: string } } }) {
      const slotId = event.currentTarget.dataset.slotId ?? '';
      const slot = this.data.slots.find((s) => s.slotId === slotId);
      if (!slot?.available) return;
      void wx.navigateTo({ url: routes.bookingConfirm({ scheduleId: this.scheduleId, slotId }) });
    },
  },
});
