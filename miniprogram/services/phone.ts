/** Tap-to-call for the hospital's numbers. */

/** Opens the dialer; the patient cancelling it is a normal outcome, not an error. */
export function dial(phoneNumber: string): void {
  if (phoneNumber === '') return;
  wx.makePhoneCall({
    phoneNumber,
    fail: (error) => {
      if (!/cancel/i.test(error.errMsg)) console.warn('makePhoneCall failed', error.errMsg);
    },
  });
}
