/**
 * The front machine's operations as a table: name → input check, write flag, handler over the
 * Hospital port. The router looks names up here, so no operation can skip its check.
 */
import type { OperationName, OutboxOperationName } from '../../typings/frontmachine';
import { SENDS_PER_ACCOUNT_PER_DAY } from '../../miniprogram/core/verification';
import { SlidingWindowLimit } from './limits';
import { systemClock, type Clock } from '../../miniprogram/core/time';
import { defineOperation, type Operation, type OperationRows, type OperationTable } from './operation';
import { referenceOperations } from './reference-operations';
import { patientOperations, sendAllowed } from './patient-operations';
import { paymentOperations } from './payment-operations';
import { bookingOperations } from './booking-operations';
import { recordsOperations } from './records-operations';
import { inpatientOperations } from './inpatient-operations';
import { afterVisitOperations } from './after-visit-operations';

export { defineOperation, type Operation, type OperationContext, type OperationLog, type OperationTable } from './operation';

/** Typed against typings/frontmachine.ts, so a missing or ill-shaped operation fails to compile. */
type Table = OperationRows<Exclude<OperationName, OutboxOperationName>>;

/**
 * The operation table. `clock` dates the input checks (an ID number's birth date may not lie in the
 * future); the hospital applies its own clock to its rules (age, guardian).
 */
function operationTable(clock: Clock): Table {
  const codesPerCaller = new SlidingWindowLimit(SENDS_PER_ACCOUNT_PER_DAY, 24 * 3_600_000);
  const countSend = (caller: string): void => sendAllowed(codesPerCaller, caller, clock);
  return {
    ...referenceOperations(),
    ...patientOperations(clock, countSend),
    ...paymentOperations(),
    ...bookingOperations(),
    ...recordsOperations(),
    ...inpatientOperations(),
    // After the visit (issue 15): tests, surveys, e-invoices.
    ...afterVisitOperations(clock, countSend),
  };
}

/** Every operation of typings/frontmachine.ts, input checks dated by `clock`. */
export function createHospitalOperations(clock: Clock = systemClock): OperationTable {
  return Object.fromEntries(Object.entries(operationTable(clock)).map(([name, op]) => [name, defineOperation(op as Operation<unknown, unknown>)]));
}

/** Every operation of typings/frontmachine.ts, on the system clock. */
export const hospitalOperations: OperationTable = createHospitalOperations();
