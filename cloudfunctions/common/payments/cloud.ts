/** The payment ports over the real (or emulated) wx-server-sdk: the `orders` ledger and `cloud.cloudPay`. */
import type { PaymentConfig } from './config';
import type { PaymentPorts } from './engine';
import { cloudOrderLedger, type LedgerDatabase } from './ledger';
import { cloudBookingIndex } from '../booking/index-store';
import type { CloudDatabase, CloudSdk } from '../cloud-sdk';

/** The SDK as the payment ports read it (the typed port of common/cloud-sdk.ts). */
export type PaymentSdk = Pick<CloudSdk, 'database' | 'cloudPay'>;

/** A missing order reads as null (the SDK's documented `throwOnNotFound: false`). */
export function paymentDatabase(sdk: PaymentSdk): LedgerDatabase & CloudDatabase {
  return sdk.database({ throwOnNotFound: false });
}

export function cloudPaymentPorts(sdk: PaymentSdk, config: PaymentConfig): PaymentPorts {
  const db = paymentDatabase(sdk);
  return { ledger: cloudOrderLedger(db), pay: sdk.cloudPay, config, bookings: cloudBookingIndex(db) };
}
