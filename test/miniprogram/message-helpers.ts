/** 消息中心 page helpers: the subscription templates and the messages of 张*明's account, as the cloud would answer. */
import type { MessageView, SubscribeTemplatesResponse } from '../../typings/push';

export const BOOKED_ID = 'tmpl-booked';
export const BILLS_ID = 'tmpl-bills';

export const TEMPLATES: SubscribeTemplatesResponse = {
  templates: [
    { kind: 'appointment.booked', templateId: BOOKED_ID, title: '预约成功', longTerm: false },
    { kind: 'bills.pending', templateId: BILLS_ID, title: '缴费提醒', longTerm: false },
  ],
  moments: { booking: ['appointment.booked'], pay: [], takeNumber: ['bills.pending'], queue: [], patient: [], deposit: [] },
};

export function message(partial: Partial<MessageView> & Pick<MessageView, 'seq' | 'kind' | 'title' | 'state' | 'stateLabel' | 'page' | 'templateId'>): MessageView {
  return { patientId: 'P1001', patientName: '张*明', summary: '', occurredAt: '2026-11-26T02:00:00.000Z', longTerm: false, read: false, ...partial };
}

export const MESSAGES: MessageView[] = [
  message({ seq: 2, kind: 'bills.pending', title: '缴费提醒', state: 'unsubscribed', stateLabel: '未订阅，点此订阅', page: 'packages/payment/bills/index?patientId=P1001', templateId: BILLS_ID, summary: '儿科 · ¥86.00 · 共2项待缴费，可在线缴纳' }),
  message({ seq: 1, kind: 'appointment.booked', title: '预约成功', state: 'sent', stateLabel: '已推送', page: 'packages/booking/appointments/index?patientId=P1001', templateId: BOOKED_ID, summary: '儿童呼吸科 · 王医生 · 2026年11月27日 08:30', read: true }),
];
