/**
 * `card.bind`: binds a hospital card (就诊卡) to one of the caller's patients. Only a real-name
 * verified card of that same hospital patient binds; the card is checked live at the hospital. No
 * such card and someone else's card are one neutral answer (no telling which exists), and tries are
 * limited per account.
 */
import type { PatientBinding } from '../../../../typings/db';
import type { BoundPatient } from '../../../../typings/patient';
import { AppError } from '../../../../miniprogram/core/errors';
import { CARD_BINDS_PER_ACCOUNT_PER_HOUR, NEUTRAL_REFUSAL } from '../../../../miniprogram/core/verification';
import type { ActionDefinition } from '../action';
import { callerOf } from './identity';
import { PATIENT_ID_RULE, toBoundPatient } from './patients';

export const CARD_NO_PATTERN = /^[A-Za-z0-9]{4,32}$/;

export const CARD_MESSAGES = {
  format: '就诊卡号应为4-32位字母或数字',
  notThisPatient: NEUTRAL_REFUSAL,
  unverified: '该就诊卡尚未实名认证，请携带身份证到医院自助机或窗口完成实名认证后再绑定',
  cancelled: '该就诊卡已注销或挂失，请到窗口办理',
  gone: '该就诊人已解除绑定，请刷新后重试',
  tooMany: '绑定就诊卡尝试次数过多',
} as const;

export const cardBind: ActionDefinition<'card.bind', { patient: 'patientId' }> = {
  schema: {
    patientId: PATIENT_ID_RULE,
    cardNo: { type: 'string', label: '就诊卡号', required: true, check: (v) => (CARD_NO_PATTERN.test(v) ? undefined : CARD_MESSAGES.format) },
  },
  scope: { patient: 'patientId' },
  async handler(ctx, { cardNo }) {
    const { patientId } = ctx.patient;
    await ctx.identity.take(ctx.openid, 'cardBinds', CARD_BINDS_PER_ACCOUNT_PER_HOUR, 3_600_000, ctx.clock(), CARD_MESSAGES.tooMany);
    let card;
    try {
      card = await ctx.frontMachine.call('card.get', { cardNo, caller: callerOf(ctx.idHmacKey, ctx.openid) });
    } catch (e) {
      // No such card reads exactly like someone else's card.
      if (e instanceof AppError && e.code === 'NOT_FOUND') throw new AppError('RULE_VIOLATION', CARD_MESSAGES.notThisPatient, 'cardNo');
      throw e;
    }
    // Ownership first, so nothing about another patient's card (its state) is revealed.
    if (card.patientId !== patientId) throw new AppError('RULE_VIOLATION', CARD_MESSAGES.notThisPatient, 'cardNo');
    if (card.state === 'cancelled') throw new AppError('RULE_VIOLATION', CARD_MESSAGES.cancelled, 'cardNo');
    if (card.state !== 'verified') throw new AppError('RULE_VIOLATION', CARD_MESSAGES.unverified, 'cardNo');
    return ctx.updateAccount<BoundPatient>((current) => {
      const patients = current?.patients ?? [];
      const target = patients.find((p) => p.patientId === patientId);
      if (!target) return { refusal: new AppError('NOT_FOUND', CARD_MESSAGES.gone, 'patientId') };
      const updated: PatientBinding = { ...target, card: { cardNo: card.cardNo, state: 'verified' } };
      return { patients: patients.map((p) => (p.patientId === patientId ? updated : p)), answer: toBoundPatient(updated) };
    });
  },
};
