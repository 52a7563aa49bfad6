import { fakeAccount, type Handlers } from '../../miniprogram/helpers';
import { message, MESSAGES, TEMPLATES } from '../../miniprogram/message-helpers';
import type { MessageView } from '../../../typings/push';
import type { PageScreens } from '../types';

const MORE: MessageView[] = [
  message({ seq: 4, kind: 'deposit.low', title: '押金不足', state: 'failed', stateLabel: '发送失败', page: 'packages/inpatient/index/index?patientId=P1001', templateId: 'tmpl-deposit', summary: '呼吸科病区 12床 · 押金余额749.50元，请及时缴纳', occurredAt: '2026-11-30T01:00:00.000Z' }),
  message({ seq: 3, kind: 'medicine.ready', title: '取药提醒', state: 'sending', stateLabel: '发送中', page: 'packages/message/center/index', templateId: 'tmpl-medicine', patientName: '张*宝', patientId: 'P1002', summary: '门诊药房 3号窗口 · 药品已备好', occurredAt: '2026-11-29T06:00:00.000Z' }),
  ...MESSAGES,
];

function messageHandlers(messages: MessageView[]): Handlers {
  return {
    ...fakeAccount().handlers,
    'subscribe.templates': () => ({ ok: true as const, data: TEMPLATES }),
    'message.list': () => ({ ok: true as const, data: { messages, unread: messages.filter((m) => !m.read).length } }),
    'message.read': () => ({ ok: true as const, data: { unread: 0 as const } }),
  };
}

const screens: PageScreens = {
  page: 'packages/message/center/index',
  states: [
    { name: 'loading', caption: '消息中心：加载中', cloud: 'pending' },
    { name: 'data', caption: '每条消息的内容、就诊人和推送状态（已推送 · 未订阅，点此订阅 · 发送中 · 发送失败）', cloud: { handlers: messageHandlers(MORE) } },
    { name: 'empty', caption: '暂无消息', cloud: { handlers: messageHandlers([]) } },
    { name: 'hospital-down', caption: '医院系统暂时无法连接，可重试', cloud: { handlers: { ...messageHandlers([]), 'message.list': () => ({ ok: false as const, code: 'HOSPITAL_UNAVAILABLE' as const, message: '医院系统暂时无法连接，请稍后再试' }) } } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
  ],
};
export default screens;
