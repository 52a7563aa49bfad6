/** 长辈模式 (elderly mode): larger type, picked up from the system font size, switchable in 我的. */

export const ELDER_MODE_KEY = 'palm-hospital.elder-mode';

/** WeChat's standard font size is 17px; a patient who chose larger type gets elderly mode by default. */
const LARGE_SYSTEM_FONT_PX = 20;

function systemFontSize(): number | undefined {
  // getAppBaseInfo replaces the deprecated getSystemInfoSync where the base library has it.
  if (typeof wx.getAppBaseInfo === 'function') {
    const info = wx.getAppBaseInfo() as { fontSizeSetting?: number };
    if (typeof info.fontSizeSetting === 'number') return info.fontSizeSetting;
  }
  const legacy = wx.getSystemInfoSync() as { fontSizeSetting?: number };
  return typeof legacy.fontSizeSetting === 'number' ? legacy.fontSizeSetting : undefined;
}

/** The patient's choice if they made one, else what the system font size suggests. */
export function isElderMode(): boolean {
  const stored: unknown = wx.getStorageSync(ELDER_MODE_KEY);
  if (stored === true || stored === false) return stored;
  const size = systemFontSize();
  return size !== undefined && size >= LARGE_SYSTEM_FONT_PX;
}

/** Remembers the patient's choice on this device. */
export function setElderMode(on: boolean): void {
  wx.setStorageSync(ELDER_MODE_KEY, on);
}
