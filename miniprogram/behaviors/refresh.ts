/**
 * 下拉刷新 (pull-down refresh) for list pages: the page's json sets `"enablePullDownRefresh": true`
 * and the page adds `pullDownRefreshBehavior` to its behaviors; a pull reloads quietly through the
 * page's own `load(false)` and the spinner stops when the answer is in, whatever it was.
 */

/** What the behavior calls: the page's load; `showLoading: false` keeps the data on screen meanwhile. */
export interface RefreshablePage {
  load(showLoading?: boolean): unknown;
}

export const pullDownRefreshBehavior = Behavior({
  methods: {
    async onPullDownRefresh() {
      try {
        await (this as unknown as RefreshablePage).load(false);
      } finally {
        void wx.stopPullDownRefresh();
      }
    },
  },
});
