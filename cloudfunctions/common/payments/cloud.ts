/** The payment ports over the real (or emulated) wx-server-sdk: the `orders` ledger and `cloud.cloudPay`. */
import type { PaymentConfig } from './config';
import type { PaymentPorts } from './engine';
import { cloudOrderLedger, type LedgerDatabase } from './ledger';
import type { PayGateway } from './wxpay';
import { cloudBookingIndex, type IndexDatabase } from '../booking/index-store';

/** The slice of the SDK module the ports need (its typings declare database options and cloudPay loosely). */
export interface PaymentSdk {
  database(options?: Record<string, unknown>): unknown;
  cloudPay: unknown;
}

/** A missing order reads as null (the SDK's documented `throwOnNotFound: false`). */
export function paymentDatabase(sdk: PaymentSdk): LedgerDatabase {
  return sdk.database({ throwOnNotFound: false }) as LedgerDatabase;
}

export function cloudPaymentPorts(sdk: PaymentSdk, config: PaymentConfig): PaymentPorts {
  const db = paymentDatabase(sdk);
  return { ledger: cloudOrderLedger(db), pay: sdk.cloudPay as PayGateway, config, bookings: cloudBookingIndex(db as unknown as IndexDatabase) };
}
