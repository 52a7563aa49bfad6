/**
 * HSB (hospital service bus) messages: the XML the front machine's adapter exchanges with the
 * hospital (the sandbox implements them). Types describe the parsed XML (fast-xml-parser objects,
 * every leaf a string, repeated elements always arrays). Only the adapter and the sandbox use them.
 *
 * Transport: `POST {HSB_URL}/hsb`, `Content-Type: application/xml; charset=utf-8`, one envelope in,
 * one envelope out (HTTP 200 even for business errors; the header's ResultCode tells).
 *
 * <?xml version="1.0" encoding="UTF-8"?>
 * <Message>
 *   <Header>
 *     <ServiceName>QueryDoctors</ServiceName>
 *     <MessageId>3f2a…</MessageId>               request's id, echoed in the response
 *     <SendTime>2026-11-26 09:30:00</SendTime>   Asia/Shanghai wall time
 *     <SourceSystem>FRONT</SourceSystem>         FRONT on requests, HSB on responses
 *     <ResultCode>0</ResultCode>                 responses only, see HsbResultCode
 *     <ResultMessage>成功</ResultMessage>         responses only
 *   </Header>
 *   <Body>…</Body>
 * </Message>
 */

import type { HsbRecordsServices } from './hsb-records';
import type { HsbAfterVisitServices } from './hsb-services';
import type { HsbReferenceServices } from './hsb/reference';
import type { HsbPatientServices } from './hsb/patients';
import type { HsbPaymentServices } from './hsb/payments';
import type { HsbBookingServices } from './hsb/booking';
import type { HsbInpatientServices } from './hsb/inpatient';
import type { HsbEventServices } from './hsb/events';

export * from './hsb/envelope';
export * from './hsb/reference';
export * from './hsb/patients';
export * from './hsb/payments';
export * from './hsb/booking';
export * from './hsb/inpatient';
export * from './hsb/events';

/** Every HSB service: request and response body. */
// Records and reports (issue 13) join through HsbRecordsServices (typings/hsb-records.ts), the
// after-the-visit services (tests, surveys, e-invoices) through HsbAfterVisitServices (typings/hsb-services.ts).
export interface HsbServices
  extends HsbRecordsServices,
    HsbAfterVisitServices,
    HsbReferenceServices,
    HsbPatientServices,
    HsbPaymentServices,
    HsbBookingServices,
    HsbInpatientServices,
    HsbEventServices {}
export type HsbServiceName = keyof HsbServices;
