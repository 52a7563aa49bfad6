/**
 * How the booking path reads on screen: a session and its slots, 预约 or 当日挂号 and their rules,
 * refusals with what to do next, 我的预约 and 我的挂号 rows, the queue. Pure functions, no wx: the
 * clock is a parameter, dates and times are the hospital's (Asia/Shanghai) whatever the phone's zone.
 */
import type { AppointmentStatus, AppointmentView, BookedVisit, QueueStatus, RegistrationStatus, RegistrationView, SlotChoice } from '../../typings/booking';
import type { BookingRules, HospitalDate, Period, Schedule } from '../../typings/hospital';
import type { Failure } from '../../typings/result';
import { formatHospital, hospitalDate, weekdayLabel } from '../core/time';
import { formatFen, PERIOD_LABELS, patientMessage } from './format';

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'default';

/** `2026-11-27` → `11月27日` */
export function monthDay(date: HospitalDate): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${Number(m[1])}月${Number(m[2])}日` : date;
}

/** `11月30日 周一 上午` */
export function sessionDateText(date: HospitalDate, period: Period): string {
  return `${monthDay(date)} ${weekdayLabel(date)} ${PERIOD_LABELS[period]}`;
}

/** A clinic session as the slots and confirm pages head it. */
export interface SessionSummary {
  scheduleId: string;
  doctorId: string;
  doctorName: string;
  title: string;
  deptName: string;
  /** `11月30日 周一 上午` */
  dateText: string;
  /** `08:00-12:00` */
  timeText: string;
  feeText: string;
}

export function sessionSummary(schedule: Schedule): SessionSummary {
  return {
    scheduleId: schedule.scheduleId,
    doctorId: schedule.doctorId,
    doctorName: schedule.doctorName,
    title: schedule.title,
    deptName: schedule.deptName,
    dateText: sessionDateText(schedule.date, schedule.period),
    timeText: `${schedule.startTime}-${schedule.endTime}`,
    feeText: formatFen(schedule.fee),
  };
}

/** One choice of the slot grid. */
export interface SlotView {
  slotId: string;
  /** `08:00-08:15` */
  timeText: string;
  available: boolean;
  /** 可约 or 已约 */
  label: string;
}

/** The slots in time order, each 可约 or 已约. */
export function slotViews(slots: readonly SlotChoice[]): SlotView[] {
  return [...slots]
    .sort((a, b) => a.startTime.localeCompare(b.startTime))
    .map((s) => ({ slotId: s.slotId, timeText: `${s.startTime}-${s.endTime}`, available: s.available, label: s.available ? '可约' : '已约' }));
}

/** 当日挂号 for today's sessions (paid at once), 预约 for the coming days. */
export type BookingMode = 'registration' | 'appointment';

export function bookingMode(sessionDate: HospitalDate, nowMs: number): BookingMode {
  return sessionDate === hospitalDate(nowMs) ? 'registration' : 'appointment';
}

export const MODE_TITLES: Record<BookingMode, string> = { appointment: '预约挂号', registration: '当日挂号' };

/** The rules the patient reads before submitting, in plain words, as this hospital sets them (docs/architecture.md#booking-rules). */
export function bookingRuleTexts(mode: BookingMode, rules: BookingRules): string[] {
  const pay = `提交后请在${rules.holdMinutes}分钟内完成支付，超时号源自动释放`;
  if (mode === 'registration') return ['当日挂号需已绑定实名认证的就诊卡', pay, '就诊前未签到可在“我的挂号”中退号，退款将原路退回'];
  const limit = `每位就诊人同一医生同一时段限约1个号，最多同时持有${rules.maxActiveAppointments}个有效预约`;
  if (rules.payAtBooking) {
    return [
      `预约时缴纳挂号费，${pay}`,
      '就诊当日0点前可在线取消预约，挂号费原路退回；就诊当日不可在线取消，请到窗口办理',
      '就诊当日需在就诊时段开始前取号（无需再缴费），逾期未取号视为爽约，号源将释放，挂号费不退',
      limit,
      '无卡就诊人需先到医院自助机实名建卡，再取号就诊',
    ];
  }
  return [
    '就诊当日0点前可在线取消预约；就诊当日不可在线取消，请到窗口办理',
    '就诊当日需在就诊时段开始前完成取号缴费，逾期未取号视为爽约，号源将释放',
    limit,
    '无卡就诊人需先到医院自助机实名建卡，再取号就诊',
  ];
}

/** What a refusal offers next: choose another slot, open 我的预约, bind a card, or nothing more. */
export type RefusalAction = 'reselect' | 'appointments' | 'bind-card' | '';

export interface BookingRefusal {
  /** The cloud's Chinese message, ending with what to do next. */
  message: string;
  action: RefusalAction;
  actionText: string;
}

const ACTION_TEXTS: Record<RefusalAction, string> = { reselect: '重新选择时段', appointments: '查看我的预约', 'bind-card': '绑定就诊卡', '': '' };

function withNextStep(message: string, next: string): string {
  return message.includes('请') ? message : `${message}，${next}`;
}

/** A refusal of 预约 or 当日挂号 as the patient reads it, with the one thing to do next. */
export function bookingRefusal(failure: Pick<Failure, 'code' | 'message'>, mode: BookingMode): BookingRefusal {
  const refusal = (message: string, action: RefusalAction): BookingRefusal => ({ message, action, actionText: ACTION_TEXTS[action] });
  switch (failure.code) {
    case 'SOLD_OUT':
      return refusal(withNextStep(failure.message, '请返回重新选择时段'), 'reselect');
    case 'LIMIT_REACHED':
      return refusal(withNextStep(failure.message, '可在“我的预约”中取消不需要的预约后再约'), 'appointments');
    case 'RULE_VIOLATION':
      // The cloud names the rule; a card refusal of 当日挂号 is fixed by binding one.
      if (mode === 'registration') return refusal(withNextStep(failure.message, '请选择其他时段或到医院窗口挂号'), failure.message.includes('就诊卡') ? 'bind-card' : 'reselect');
      // A session that turned into today's (past midnight) is booked again as 当日挂号 from the grid.
      if (failure.message.includes('当日挂号')) return refusal(withNextStep(failure.message, '请返回重新选择时段'), 'reselect');
      return refusal(withNextStep(failure.message, '请在“我的预约”中查看或选择其他时段'), 'appointments');
    case 'CONFLICT':
      return mode === 'appointment' ? refusal(withNextStep(failure.message, '请在“我的预约”中查看'), 'appointments') : refusal(patientMessage(failure), '');
    default:
      return refusal(patientMessage(failure), '');
  }
}

/** An ISO instant as the hospital's `11月27日 07:00` (pattern: a dayjs one). */
function hospitalText(iso: string, pattern: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : formatHospital(ms, pattern);
}

const MONTH_DAY_TIME = 'M[月]D[日] HH:mm';

/** The take-number window, `11月27日 07:00–09:30` (the end date only when it differs). */
export function takeNumberWindowText(window: { opensAt: string; closesAt: string }): string {
  const opens = Date.parse(window.opensAt);
  const closes = Date.parse(window.closesAt);
  if (Number.isNaN(opens) || Number.isNaN(closes)) return '';
  const sameDay = hospitalDate(opens) === hospitalDate(closes);
  return `${formatHospital(opens, MONTH_DAY_TIME)}–${formatHospital(closes, sameDay ? 'HH:mm' : MONTH_DAY_TIME)}`;
}

/** `11月30日 00:00前可在线取消` from the cancel deadline. */
export function cancelDeadlineText(cancelDeadline: string): string {
  const text = hospitalText(cancelDeadline, MONTH_DAY_TIME);
  return text === '' ? '' : `${text}前可在线取消`;
}

export const NOT_CANCELLABLE_HINT = '就诊当日不可在线取消预约，请到窗口办理';
export const TAKE_NUMBER_CARD_HINT = '在线取号需绑定已实名认证的就诊卡，也可到医院自助机取号';
export const TAKEN_HINT = '已取号，可在“我的挂号”中查看排队叫号';

const APPOINTMENT_TAGS: Record<AppointmentStatus, TagType> = {
  held: 'warning',
  booked: 'primary',
  'checked-in': 'success',
  fulfilled: 'default',
  cancelled: 'default',
  'no-show': 'danger',
};

/** What a row of 我的预约 and of 我的挂号 both show of a visit. */
interface VisitRow {
  doctorText: string;
  deptName: string;
  /** `11月30日 周一 上午 08:00-08:15` */
  whenText: string;
  location: string;
  patientName: string;
  feeText: string;
  statusLabel: string;
}

function visitFields(view: BookedVisit & Pick<AppointmentView, 'patientName' | 'statusLabel'>): VisitRow {
  return {
    doctorText: `${view.doctorName} ${view.title}`,
    deptName: view.deptName,
    whenText: `${sessionDateText(view.date, view.period)} ${view.startTime}-${view.endTime}`,
    location: view.location,
    patientName: view.patientName,
    feeText: formatFen(view.fee),
    statusLabel: view.statusLabel,
  };
}

/** One appointment as 我的预约 shows it. */
export interface AppointmentRow extends VisitRow {
  appointmentId: string;
  tagType: TagType;
  canCancel: boolean;
  canTakeNow: boolean;
  /** Held while unpaid (the hospital charges at booking): 去支付. */
  canPay: boolean;
  /** 取号 (paid at booking) or 取号缴费. */
  takeText: string;
  /** The fee was paid at booking: the row says 已缴. */
  prepaid: boolean;
  /** The number was taken: the visit continues in 我的挂号. */
  taken: boolean;
  /** `取号时间：11月30日 07:00–08:00`, while the number is still to be taken. */
  takeNumberText: string;
  /** Why an action is not offered, or what comes next ('' when nothing needs saying). */
  hint: string;
  /** What the cancel confirmation says: the patient, the doctor and the time. */
  cancelQuestion: string;
}

export function appointmentRow(view: AppointmentView, nowMs: number): AppointmentRow {
  const visit = visitFields(view);
  const toTake = view.status === 'booked' && view.registrationId === null;
  const windowOpen = nowMs >= Date.parse(view.takeNumber.opensAt) && nowMs < Date.parse(view.takeNumber.closesAt);
  let hint = '';
  if (view.registrationId !== null) hint = TAKEN_HINT;
  else if (view.canPay && view.holdExpiresAt !== null) hint = `请在${hospitalText(view.holdExpiresAt, 'HH:mm')}前完成支付，超时号源自动释放`;
  else if (toTake && !view.canCancel) hint = windowOpen && !view.takeNumber.canTakeNow ? `${NOT_CANCELLABLE_HINT}。${TAKE_NUMBER_CARD_HINT}` : NOT_CANCELLABLE_HINT;
  const windowText = toTake ? takeNumberWindowText(view.takeNumber) : '';
  return {
    ...visit,
    appointmentId: view.appointmentId,
    tagType: APPOINTMENT_TAGS[view.status],
    canCancel: view.canCancel,
    canTakeNow: view.takeNumber.canTakeNow,
    canPay: view.canPay,
    takeText: view.prepaid ? '取号' : '取号缴费',
    prepaid: view.prepaid,
    taken: view.registrationId !== null,
    takeNumberText: windowText === '' ? '' : `取号时间：${windowText}`,
    hint,
    cancelQuestion: `确定取消${view.patientName}的预约吗？\n${view.deptName} ${view.doctorName}医生\n${visit.whenText}\n取消后号源将释放给其他患者${view.prepaid ? '，挂号费将原路退回' : ''}`,
  };
}

const ACTIVE_APPOINTMENT: readonly AppointmentStatus[] = ['held', 'booked', 'checked-in'];

/** Upcoming appointments first, soonest first; then the rest (past, cancelled), latest first. */
export function upcomingFirst<T extends Pick<AppointmentView, 'status' | 'date' | 'startTime'>>(list: readonly T[], nowMs: number): T[] {
  const today = hospitalDate(nowMs);
  const key = (a: T) => `${a.date} ${a.startTime}`;
  const upcoming = list.filter((a) => ACTIVE_APPOINTMENT.includes(a.status) && a.date >= today);
  const rest = list.filter((a) => !upcoming.includes(a));
  return [...upcoming.sort((a, b) => key(a).localeCompare(key(b))), ...rest.sort((a, b) => key(b).localeCompare(key(a)))];
}

export const REFUND_NOTE = '退款将原路退回，一般1-3个工作日到账';

const REGISTRATION_TAGS: Record<RegistrationStatus, TagType> = { paid: 'success', refunded: 'default', visited: 'default' };

/** One registration as 我的挂号 shows it. */
export interface RegistrationRow extends VisitRow {
  registrationId: string;
  tagType: TagType;
  /** 当日挂号 or 预约取号 */
  sourceText: string;
  /** `第12号` */
  queueNoText: string;
  canRefund: boolean;
  /** 排队叫号 is offered while the visit is ahead. */
  showQueue: boolean;
  /** Where the money goes, once refunded. */
  refundNote: string;
  refundQuestion: string;
}

export function registrationRow(view: RegistrationView): RegistrationRow {
  const visit = visitFields(view);
  return {
    ...visit,
    registrationId: view.registrationId,
    tagType: REGISTRATION_TAGS[view.status],
    sourceText: view.source === 'registration' ? '当日挂号' : '预约取号',
    queueNoText: `第${view.queueNo}号`,
    canRefund: view.canRefund,
    showQueue: view.status === 'paid',
    refundNote: view.status === 'refunded' ? REFUND_NOTE : '',
    refundQuestion: `确定为${view.patientName}退号吗？\n${view.deptName} ${view.doctorName}医生\n${visit.whenText}\n挂号费${formatFen(view.fee)}，退款将原路退回`,
  };
}

/** Latest visit first (a stable sort keeps the cloud's order for ties). */
export function latestFirst<T extends Pick<RegistrationView, 'date' | 'startTime'>>(list: readonly T[]): T[] {
  const key = (r: T) => `${r.date} ${r.startTime}`;
  return [...list].sort((a, b) => key(b).localeCompare(key(a)));
}

// ---- the queue ----

/** The queue page asks again this often while it shows. */
export const QUEUE_REFRESH_MS = 15_000;

export const CHECK_IN_HINT = '请到自助机或分诊台扫描就诊码签到';

/** The queue as the page shows it. */
export interface QueueView {
  state: QueueStatus['state'];
  queueNoText: string;
  currentNoText: string;
  aheadText: string;
  room: string;
  /** The one line that matters now, in large type. */
  headline: string;
}

export function queueView(status: QueueStatus): QueueView {
  const headlines: Record<QueueStatus['state'], string> = {
    'not-checked-in': '您尚未签到，签到后才会进入排队',
    waiting: status.ahead === 0 ? '马上就到您了，请在诊室外候诊' : `前面还有${status.ahead}人，请耐心候诊`,
    called: `请到${status.room}就诊`,
    done: '本次就诊已完成',
  };
  return {
    state: status.state,
    queueNoText: String(status.queueNo),
    currentNoText: status.currentNo > 0 ? String(status.currentNo) : '未开始',
    aheadText: status.state === 'waiting' ? String(status.ahead) : '-',
    room: status.room,
    headline: headlines[status.state],
  };
}
