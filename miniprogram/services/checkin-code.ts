/** The last check-in code per patient, kept on the device so the queue page can show it when the network drops. */

/** Device storage key of a patient's last code (a short-lived signed token, no health data). */
export function lastCodeKey(patientId: string): string {
  return `palm-hospital.checkin-code.${patientId}`;
}

/** A code and when it lapses (ISO instant), as `patient.qrcode` answers it. */
export interface KeptCode {
  code: string;
  expiresAt: string;
}

export function keepCode(patientId: string, code: KeptCode): void {
  wx.setStorageSync(lastCodeKey(patientId), { code: code.code, expiresAt: code.expiresAt });
}

/** The patient's last code, or undefined when none was kept on this device. */
export function keptCode(patientId: string): KeptCode | undefined {
  const kept = wx.getStorageSync(lastCodeKey(patientId)) as Partial<KeptCode> | '';
  return kept !== '' && typeof kept.code === 'string' && typeof kept.expiresAt === 'string' ? { code: kept.code, expiresAt: kept.expiresAt } : undefined;
}
