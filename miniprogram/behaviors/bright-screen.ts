/**
 * A page a scanner reads from the phone (排队叫号 with its check-in code): the screen stays on and at
 * full brightness while the page shows, and goes back to the patient's brightness when it hides.
 */

interface BrightPage {
  raised?: boolean;
  /** The brightness before we raised it (0–1), or undefined when unknown. */
  savedBrightness?: number;
}

function raise(page: BrightPage): void {
  if (page.raised === true) return;
  page.raised = true;
  void wx.setKeepScreenOn({ keepScreenOn: true });
  wx.getScreenBrightness({
    success: ({ value }) => {
      page.savedBrightness = value;
      void wx.setScreenBrightness({ value: 1 });
    },
  });
}

function restore(page: BrightPage): void {
  if (page.raised !== true) return;
  page.raised = false;
  void wx.setKeepScreenOn({ keepScreenOn: false });
  if (page.savedBrightness !== undefined) void wx.setScreenBrightness({ value: page.savedBrightness });
  page.savedBrightness = undefined;
}

export const brightScreenBehavior = Behavior({
  lifetimes: {
    attached() {
      raise(this as unknown as BrightPage);
    },
    detached() {
      restore(this as unknown as BrightPage);
    },
  },
  pageLifetimes: {
    show() {
      raise(this as unknown as BrightPage);
    },
    hide() {
      restore(this as unknown as BrightPage);
    },
  },
});
