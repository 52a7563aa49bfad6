/**
 * 每日清单: one day's charges of a stay — subtotals by category, then every item with quantity,
 * unit price and amount — with 前一天 / 后一天 across the days of the stay so far.
 */
import type { InpatientDailyResponse } from '../../../../typings/inpatient';
import { elderModeBehavior } from '../../../behaviors/elder-mode';
import { weekdayLabel } from '../../../core/time';
import { loadDailyList } from '../../../services/inpatient';
import { dailyView, stayCard, stepDate } from '../stay-view';
import { showLoadError } from '../../../behaviors/load';
import { pageComponent } from '../../../behaviors/page';

interface DailyPageState {
  patientId: string;
  stayId: string;
  /** The stay's first and last day with a list, once known. */
  firstDate: string;
  lastDate: string;
  request: number;
}

pageComponent<DailyPageState>()({
  behaviors: [elderModeBehavior],
  data: {
    state: 'loading',
    errorMessage: '',
    date: '',
    dateText: '',
    title: '',
    place: '',
    totalText: '',
    subtotals: [] as { category: string; label: string; amountText: string }[],
    items: [] as ReturnType<typeof dailyView>['items'],
    canPrev: false,
    canNext: false,
  },
  lifetimes: {
    attached() {
      this.patientId = '';
      this.stayId = '';
      this.firstDate = '';
      this.lastDate = '';
      this.request = 0;
    },
    detached() {
      this.request += 1;
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.patientId = decodeURIComponent(query.patientId ?? '');
      this.stayId = decodeURIComponent(query.stayId ?? '');
      const date = query.date ?? '';
      if (this.patientId === '' || this.stayId === '' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
        this.setData({ state: 'error', errorMessage: '未找到该住院记录，请返回住院服务重新进入' });
        return;
      }
      void this.load(date);
    },
    async load(date: string) {
      this.request += 1;
      const request = this.request;
      this.setData({ state: 'loading', date, dateText: `${date} ${weekdayLabel(date)}`, canPrev: false, canNext: false });
      const answer = await loadDailyList(this.patientId, this.stayId, date);
      if (request !== this.request) return;
      if (!answer.ok) {
        showLoadError(this, answer);
        return;
      }
      this.show(answer.data);
    },
    show(list: InpatientDailyResponse) {
      const card = stayCard(list.stay);
      this.firstDate = list.stay.firstDate;
      this.lastDate = list.stay.lastDate;
      this.setData({
        state: list.items.length === 0 ? 'empty' : 'ready',
        title: card.title,
        place: `${card.place} · 住院号 ${card.admissionNo}`,
        ...dailyView(list),
        canPrev: stepDate(list.date, -1, this.firstDate, this.lastDate) !== null,
        canNext: stepDate(list.date, 1, this.firstDate, this.lastDate) !== null,
      });
    },
    onPrev() {
      const date = stepDate(this.data.date, -1, this.firstDate, this.lastDate);
      if (date !== null) void this.load(date);
    },
    onNext() {
      const date = stepDate(this.data.date, 1, this.firstDate, this.lastDate);
      if (date !== null) void this.load(date);
    },
    onRetry() {
      void this.load(this.data.date);
    },
  },
});
