/**
 * The home page's service grid: one entry per service, each opening its own page, in the order a
 * patient needs them. A new service is one line here (its page's route and a Vant icon name).
 */
import { routes } from '../routes';

/** One grid entry. */
export interface ServiceEntry {
  /** What the patient reads (and a screen reader says). */
  text: string;
  /** A Vant icon name. */
  icon: string;
  url: string;
  linkType: 'navigateTo' | 'switchTab';
}

export const HOME_SERVICES: ServiceEntry[] = [
  { text: '预约挂号', icon: 'calendar-o', url: routes.departments(), linkType: 'navigateTo' },
  { text: '当日挂号', icon: 'clock-o', url: routes.departments({ section: 'today' }), linkType: 'navigateTo' },
  { text: '门诊缴费', icon: 'balance-pay', url: routes.bills(), linkType: 'navigateTo' },
  { text: '排队叫号', icon: 'bullhorn-o', url: routes.registrations(), linkType: 'navigateTo' },
  { text: '我的预约', icon: 'todo-list-o', url: routes.appointments(), linkType: 'navigateTo' },
  { text: '找医生', icon: 'friends-o', url: routes.doctors(), linkType: 'navigateTo' },
  { text: '费用查询', icon: 'bill-o', url: routes.costs(), linkType: 'navigateTo' },
  { text: '报告查询', icon: 'description', url: routes.reports(), linkType: 'navigateTo' },
  { text: '就诊记录', icon: 'notes-o', url: routes.visits(), linkType: 'navigateTo' },
  { text: '住院服务', icon: 'hotel-o', url: routes.inpatient(), linkType: 'navigateTo' },
  { text: '核酸检测', icon: 'shield-o', url: routes.natApply(), linkType: 'navigateTo' },
  { text: '电子票据', icon: 'bill-o', url: routes.invoices(), linkType: 'navigateTo' },
  { text: '满意度调查', icon: 'comment-o', url: routes.surveys(), linkType: 'navigateTo' },
  { text: '就诊人管理', icon: 'manager-o', url: routes.patientList(), linkType: 'navigateTo' },
];
