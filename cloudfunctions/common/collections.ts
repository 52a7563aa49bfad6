/**
 * Cloud set-up as code: every collection the functions use, with its permission and the indexes its
 * queries need. The real cloud fails a collection that was never created (-502005), and a new
 * collection's default permission lets users write: so `setUpCollections` creates each one before the
 * first deployment and after each upgrade (idempotent), and the deployment sets each permission to
 * "only the server reads and writes" (ADMINONLY) and creates the indexes listed here (console or CLI;
 * the SDK cannot). A test fails when code uses a collection missing from this manifest.
 */
import { ACCOUNTS } from './accounts';
import { APPOINTMENTS, BOOKING_INTENTS, REGISTRATIONS } from './booking/index-store';
import type { CloudDatabase } from './cloud-sdk';
import { BIND_CHALLENGES, IDENTITY_LIMITS, PRIVACY_CONSENTS } from './identity/store';
import { BILL_CLAIMS, ORDERS } from './payments/ledger';
import { CURSORS, RECONCILIATIONS } from './payments/reconcile';
import { STAYS } from './inpatient/stay-index';
import { SURVEY_MARKS } from './after-visit/cloud-store';
import { CONSENTS, DELIVERIES } from './push/store';

/** One index: fields in order, ascending unless `desc`. */
export interface IndexSpec {
  name: string;
  fields: { field: string; desc?: boolean }[];
  unique?: boolean;
}

export interface CollectionSpec {
  name: string;
  /** What it holds (ids, masked values and money, never clinical content). */
  holds: string;
  /** Only the cloud functions read and write: the mini program never touches the database directly. */
  permission: 'ADMINONLY';
  indexes: IndexSpec[];
}

const asc = (...fields: string[]) => fields.map((field) => ({ field }));

export const COLLECTIONS: readonly CollectionSpec[] = [
  { name: ACCOUNTS, holds: 'OPENID → bound patients (masked), per account', permission: 'ADMINONLY', indexes: [] },
  {
    name: ORDERS,
    holds: 'the payment ledger, one document per charge',
    permission: 'ADMINONLY',
    indexes: [
      { name: 'status_id', fields: asc('status', '_id') },
      { name: 'patient_status', fields: asc('patientId', 'status', '_id') },
      { name: 'paidAt', fields: asc('paidAt', '_id') },
      { name: 'handBack', fields: asc('status', 'handBack.requestedAt', '_id') },
    ],
  },
  { name: BILL_CLAIMS, holds: 'bill id → the order that took it', permission: 'ADMINONLY', indexes: [] },
  { name: APPOINTMENTS, holds: 'appointment id → owner (openid, patientId)', permission: 'ADMINONLY', indexes: [{ name: 'owner', fields: asc('openid', 'patientId') }] },
  { name: REGISTRATIONS, holds: 'registration id → owner (openid, patientId, outTradeNo)', permission: 'ADMINONLY', indexes: [{ name: 'owner', fields: asc('openid', 'patientId') }] },
  { name: BOOKING_INTENTS, holds: 'bookings asked of the hospital whose answer may be lost', permission: 'ADMINONLY', indexes: [{ name: 'owner', fields: asc('openid', 'patientId') }] },
  { name: RECONCILIATIONS, holds: 'the daily reconciliation reports (ids and amounts)', permission: 'ADMINONLY', indexes: [] },
  { name: CURSORS, holds: 'job cursors and leases', permission: 'ADMINONLY', indexes: [] },
  // Inpatient (住院): inpatient.list finds a patient's bound stays by patientId.
  { name: STAYS, holds: 'stay id → the patient it is bound to (openid of the first binder, patientId)', permission: 'ADMINONLY', indexes: [{ name: 'patient', fields: asc('patientId') }] },
  // After the visit: a survey answered (ids and a time, never the answers).
  { name: SURVEY_MARKS, holds: 'survey id → the account and patient that answered it, and when', permission: 'ADMINONLY', indexes: [] },
  // Identity (binding): read and written by document id only (OPENID or challengeId), so no index.
  { name: IDENTITY_LIMITS, holds: 'OPENID → instants of codes sent, records made and card binding tries', permission: 'ADMINONLY', indexes: [] },
  { name: BIND_CHALLENGES, holds: 'challengeId → owner OPENID, the person\'s HMAC and expiry (never the code)', permission: 'ADMINONLY', indexes: [] },
  { name: PRIVACY_CONSENTS, holds: 'OPENID → the privacy guide version consented to, and when', permission: 'ADMINONLY', indexes: [] },
  // push: subscription quotas per account and template; one delivery per (event, account), read by 消息中心 and the job.
  { name: CONSENTS, holds: 'OPENID and template → the one-time quota the patient granted, long-term consent', permission: 'ADMINONLY', indexes: [] },
  {
    name: DELIVERIES,
    holds: 'one per (event, account): event seq, kind, patient id, state and times (never the message text)',
    permission: 'ADMINONLY',
    indexes: [
      { name: 'account_seq', fields: asc('openid', 'seq') },
      { name: 'state_next', fields: asc('state', 'nextAttemptAt') },
      { name: 'unread', fields: asc('openid', 'readAt') },
    ],
  },
];

export const COLLECTION_NAMES: readonly string[] = COLLECTIONS.map((c) => c.name);

/** What the set-up step did with each collection. */
export type SetUpReport = { name: string; outcome: 'created' | 'existed' }[];

/** Creates every collection of the manifest that does not exist yet; running it again changes nothing. */
export async function setUpCollections(db: Pick<CloudDatabase, 'createCollection'>): Promise<SetUpReport> {
  const report: SetUpReport = [];
  for (const { name } of COLLECTIONS) {
    try {
      await db.createCollection(name);
      report.push({ name, outcome: 'created' });
    } catch (err) {
      // The SDK refuses an existing collection ("Table exist" / "already exists"): that is the idempotent case.
      const text = err instanceof Error ? err.message : String(err);
      if (!/table exist|already exist/i.test(text)) throw err;
      report.push({ name, outcome: 'existed' });
    }
  }
  return report;
}
