/**
 * The HSB envelope (typings/hsb.ts describes the transport): result codes, header, money. Leaves are strings (typings/hsb.ts).
 */

/** HSB result codes. */
export const HsbResultCode = {
  OK: '0',
  NOT_FOUND: '1001',
  INVALID_PARAMETER: '1002',
  BUSINESS_RULE: '2001',
  /** The slot is no longer free: another patient took it first. */
  SLOT_TAKEN: '2002',
  /** A per-patient limit (active appointments) is reached. */
  LIMIT_REACHED: '2003',
  SYSTEM_ERROR: '9999',
} as const;
export type HsbResultCode = (typeof HsbResultCode)[keyof typeof HsbResultCode];

export interface HsbHeader {
  ServiceName: string;
  MessageId: string;
  SendTime: string;
  SourceSystem: 'FRONT' | 'HSB';
  ResultCode?: string;
  ResultMessage?: string;
}

export interface HsbEnvelope<B = unknown> {
  Header: HsbHeader;
  Body: B;
}

/** Money on the HSB is yuan with two decimals ("25.00"); the adapter converts to fen. */
export type HsbYuan = string;
