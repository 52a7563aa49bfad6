/**
 * The 获取验证码 button's wait, shared by the forms that prove a phone with the hospital's SMS code
 * (添加就诊人, a visitor's 核酸, a companion's report): whole seconds until `until`, read from the clock
 * each second (a late timer never drifts), shown by the page's own `show`, stopped on leaving.
 */

/** What a page with a resend countdown keeps. */
export interface ResendCountdownPage {
  resendTimer?: ReturnType<typeof setInterval>;
  setData(data: Record<string, unknown>): void;
}

/** Starts (or restarts) the countdown to `until` (epoch ms); `show` turns the seconds left into render data. */
export function startResendCountdown(page: ResendCountdownPage, until: number, show: (secondsLeft: number) => Record<string, unknown>): void {
  stopResendCountdown(page);
  const tick = () => {
    const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
    page.setData(show(left));
    if (left === 0) stopResendCountdown(page);
  };
  page.resendTimer = setInterval(tick, 1000);
  tick();
}

/** Stops the countdown (call on detached). */
export function stopResendCountdown(page: ResendCountdownPage): void {
  if (page.resendTimer !== undefined) clearInterval(page.resendTimer);
  page.resendTimer = undefined;
}
