/**
 * Hospital events (ARCHITECTURE §9): what the hospital publishes for patients to be told about,
 * kept in the front machine's outbox with sequence numbers and turned into subscription messages
 * by the cloud's scheduler. Types only.
 */

/**
 * Every kind of event. The sandbox hospital publishes all but `refund.done` (WeChat's refund
 * callback, seen by the cloud); `exam.notice` and `report.ready` are published by the records work.
 */
export type HospitalEventKind =
  | 'appointment.booked' // 预约成功
  | 'visit.reminder' // 就诊提醒 (the evening before and the morning of, with the 取号 time)
  | 'registration.room' // 诊室位置 (a registration made: where to go)
  | 'queue.near' // 候诊提醒 (a few patients ahead)
  | 'bills.pending' // 缴费提醒 (bills waiting after the consultation)
  | 'medicine.ready' // 取药提醒
  | 'exam.notice' // 检查注意事项
  | 'report.ready' // 报告出具提醒
  | 'survey.invite' // 满意度评价 (19:00 on the visit day)
  | 'session.stopped' // 停诊通知 (appointments cancelled, fees refunded)
  | 'refund.done' // 退款到账
  | 'deposit.low'; // 押金不足 (an inpatient stay's balance below the hospital's threshold)

/**
 * What an event says, as text fields by name (a hospital adds fields without a contract change).
 * Known names: `deptName`, `doctorName`, `visitTime` ('YYYY-MM-DD HH:mm' Shanghai), `location`,
 * `room`, `queueNo`, `ahead`, `amount` (fen), `billCount`, `appointmentId`, `registrationId`,
 * `visitId`, `window`, `takeNumberFrom` ('HH:mm'), `outTradeNo`, `slotId`, `reason`, `reportName`.
 * Never a diagnosis or a result.
 */
export type EventFields = Record<string, string>;

/** One event of the front machine's outbox. */
export interface HospitalEvent {
  /** The outbox's sequence number: strictly increasing, never reused. */
  seq: number;
  kind: HospitalEventKind;
  patientId: string;
  /** ISO instant. */
  occurredAt: string;
  fields: EventFields;
}
