/** Gives a page `data.elder` (the 长辈模式 class switch), refreshed whenever the page shows. */
import { isElderMode } from '../services/elder-mode';

export const elderModeBehavior = Behavior({
  data: { elder: false },
  lifetimes: {
    attached() {
      this.setData({ elder: isElderMode() });
    },
  },
  methods: {
    // Tab pages stay alive; the switch in 我的 must reach them when they show again.
    onShow() {
      this.setData({ elder: isElderMode() });
    },
  },
});
