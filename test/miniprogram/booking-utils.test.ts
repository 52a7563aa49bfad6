/** The booking path's pure rules of display: hospital dates and windows (any process zone), refusals, rows, the queue. */
import {
  appointmentRow,
  bookingMode,
  bookingRefusal,
  cancelDeadlineText,
  NOT_CANCELLABLE_HINT,
  queueView,
  registrationRow,
  sessionDateText,
  slotViews,
  TAKE_NUMBER_CARD_HINT,
  TAKEN_HINT,
  takeNumberWindowText,
  upcomingFirst,
} from '../../miniprogram/view-models/booking';
import { appointment, registration } from './booking-helpers';

describe('bookingMode: 当日挂号 for today’s sessions in Shanghai, 预约 for later ones', () => {
  it('turns at 00:00 Shanghai, whatever the process zone', () => {
    const lastSecond = Date.parse('2026-11-30T15:59:59Z'); // 23:59:59 on 11-30 in Shanghai
    const midnight = Date.parse('2026-11-30T16:00:00Z'); // 00:00:00 on 12-01
    expect(bookingMode('2026-11-30', lastSecond)).toBe('registration');
    expect(bookingMode('2026-12-01', lastSecond)).toBe('appointment');
    expect(bookingMode('2026-12-01', midnight)).toBe('registration');
    expect(bookingMode('2026-11-30', midnight)).toBe('appointment');
  });
});

describe('dates and windows', () => {
  it('writes a session’s date with its weekday and half-day', () => {
    expect(sessionDateText('2026-11-30', 'AM')).toBe('11月30日 周一 上午');
    expect(sessionDateText('2026-12-06', 'PM')).toBe('12月6日 周日 下午');
  });

  it('writes the take-number window in Shanghai time, the end date only when it differs', () => {
    expect(takeNumberWindowText({ opensAt: '2026-11-26T23:00:00Z', closesAt: '2026-11-27T01:30:00Z' })).toBe('11月27日 07:00–09:30');
    expect(takeNumberWindowText({ opensAt: '2026-11-26T23:00:00Z', closesAt: '2026-11-27T16:30:00Z' })).toBe('11月27日 07:00–11月28日 00:30');
    expect(takeNumberWindowText({ opensAt: 'soon', closesAt: '2026-11-27T01:30:00Z' })).toBe('');
  });

  it('writes the cancel deadline (00:00 of the visit day)', () => {
    expect(cancelDeadlineText('2026-12-01T16:00:00.000Z')).toBe('12月2日 00:00前可在线取消');
  });

  it('orders slots by time and labels them 可约 / 已约', () => {
    expect(
      slotViews([
        { slotId: 'b', startTime: '08:15', endTime: '08:30', available: false },
        { slotId: 'a', startTime: '08:00', endTime: '08:15', available: true },
      ]),
    ).toEqual([
      { slotId: 'a', timeText: '08:00-08:15', available: true, label: '可约' },
      { slotId: 'b', timeText: '08:15-08:30', available: false, label: '已约' },
    ]);
  });
});

describe('bookingRefusal: the message and the one thing to do next', () => {
  it('sends SOLD_OUT back to the grid', () => {
    expect(bookingRefusal({ code: 'SOLD_OUT', message: '该时段已被预约，请选择其他时段' }, 'appointment')).toEqual({ message: '该时段已被预约，请选择其他时段', action: 'reselect', actionText: '重新选择时段' });
    expect(bookingRefusal({ code: 'SOLD_OUT', message: '号源已约满' }, 'registration').message).toBe('号源已约满，请返回重新选择时段');
  });

  it('sends LIMIT_REACHED to 我的预约', () => {
    expect(bookingRefusal({ code: 'LIMIT_REACHED', message: '最多同时持有3个有效预约' }, 'appointment')).toEqual({
      message: '最多同时持有3个有效预约，可在“我的预约”中取消不需要的预约后再约',
      action: 'appointments',
      actionText: '查看我的预约',
    });
  });

  it('keeps RULE_VIOLATION in the cloud’s words, adding what to do only when they do not say it', () => {
    expect(bookingRefusal({ code: 'RULE_VIOLATION', message: '当日号源请使用当日挂号' }, 'appointment')).toMatchObject({ message: '当日号源请使用当日挂号', action: 'reselect' });
    expect(bookingRefusal({ code: 'RULE_VIOLATION', message: '同一医生同一时段只能预约一次' }, 'appointment')).toMatchObject({ message: '同一医生同一时段只能预约一次，请在“我的预约”中查看或选择其他时段', action: 'appointments' });
    expect(bookingRefusal({ code: 'RULE_VIOLATION', message: '当日挂号需绑定已实名认证的就诊卡，请先绑定' }, 'registration')).toMatchObject({ action: 'bind-card', actionText: '绑定就诊卡' });
  });

  it('says to try again when the hospital cannot be reached', () => {
    expect(bookingRefusal({ code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }, 'registration')).toEqual({ message: '医院系统暂时无法连接，请稍后再试', action: '', actionText: '' });
  });
});

describe('我的预约 rows', () => {
  const now = Date.parse('2026-11-30T01:00:00Z'); // 09:00 on 11-30 in Shanghai

  it('puts upcoming appointments first, soonest first, then the rest latest first', () => {
    const list = [
      appointment({ appointmentId: 'old', date: '2026-11-20', status: 'fulfilled' }),
      appointment({ appointmentId: 'wed', date: '2026-12-02' }),
      appointment({ appointmentId: 'cancelled', date: '2026-12-03', status: 'cancelled' }),
      appointment({ appointmentId: 'today', date: '2026-11-30', startTime: '10:00' }),
      appointment({ appointmentId: 'missed', date: '2026-11-25', status: 'no-show' }),
    ];
    expect(upcomingFirst(list, now).map((a) => a.appointmentId)).toEqual(['today', 'wed', 'cancelled', 'missed', 'old']);
  });

  it('explains an appointment that can no longer be cancelled, and a take-number that needs a card', () => {
    const window = { opensAt: '2026-11-29T23:00:00Z', closesAt: '2026-11-30T02:00:00Z' };
    expect(appointmentRow(appointment({ canCancel: false, date: '2026-11-30', takeNumber: { ...window, canTakeNow: true } }), now).hint).toBe(NOT_CANCELLABLE_HINT);
    expect(appointmentRow(appointment({ canCancel: false, date: '2026-11-30', takeNumber: { ...window, canTakeNow: false } }), now).hint).toBe(`${NOT_CANCELLABLE_HINT}。${TAKE_NUMBER_CARD_HINT}`);
    expect(appointmentRow(appointment(), now).hint).toBe('');
    const taken = appointmentRow(appointment({ status: 'checked-in', statusLabel: '已取号', registrationId: 'R1', canCancel: false }), now);
    expect(taken).toMatchObject({ hint: TAKEN_HINT, takeNumberText: '', taken: true });
    expect(appointmentRow(appointment({ status: 'cancelled', canCancel: false }), now)).toMatchObject({ hint: '', takeNumberText: '' });
  });

  it('names the patient, the doctor and the time in the cancel question', () => {
    expect(appointmentRow(appointment(), now).cancelQuestion).toBe('确定取消张*明的预约吗？\n呼吸科 李秀英医生\n12月2日 周三 上午 08:00-08:15\n取消后号源将释放给其他患者');
  });
});

describe('我的挂号 rows and the queue', () => {
  it('offers 退号 and 排队叫号 while paid, and says where a refund goes', () => {
    expect(registrationRow(registration())).toMatchObject({ canRefund: true, showQueue: true, refundNote: '', queueNoText: '第12号', sourceText: '当日挂号' });
    expect(registrationRow(registration({ status: 'refunded', canRefund: false }))).toMatchObject({ canRefund: false, showQueue: false, refundNote: '退款将原路退回，一般1-3个工作日到账' });
  });

  it('puts the one line that matters first', () => {
    const base = { registrationId: 'R1', queueNo: 12, currentNo: 8, ahead: 3, room: '呼吸科3诊室' };
    expect(queueView({ ...base, state: 'not-checked-in', currentNo: 0 })).toMatchObject({ headline: '您尚未签到，签到后才会进入排队', currentNoText: '未开始', aheadText: '-' });
    expect(queueView({ ...base, state: 'waiting' })).toMatchObject({ headline: '前面还有3人，请耐心候诊', aheadText: '3', currentNoText: '8' });
    expect(queueView({ ...base, state: 'waiting', ahead: 0 }).headline).toBe('马上就到您了，请在诊室外候诊');
    expect(queueView({ ...base, state: 'called', currentNo: 12 }).headline).toBe('请到呼吸科3诊室就诊');
    expect(queueView({ ...base, state: 'done' }).headline).toBe('本次就诊已完成');
  });
});
