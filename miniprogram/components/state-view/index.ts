/**
 * The loading, empty and error states every page shows in place of its content; the content is
 * the slot, shown when `state` is `ready`. An error always offers 重试 (the `retry` event).
 */
export type ViewState = 'loading' | 'empty' | 'error' | 'ready';

Component({
  properties: {
    /** Which state to show. */
    state: { type: String, value: 'loading' },
    /** The error's message for the patient (Chinese, from the API's Failure). */
    errorMessage: { type: String, value: '' },
    /** What the empty state says, e.g. 暂无排班，请选择其他日期. */
    emptyText: { type: String, value: '暂无信息' },
    /** What the loading state says. */
    loadingText: { type: String, value: '加载中…' },
  },
  methods: {
    onRetry() {
      this.triggerEvent('retry');
    },
  },
});
