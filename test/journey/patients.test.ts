/**
 * Journey through every layer: local cloud `api` → front machine (signed, idempotent writes) → HSB
 * XML → sandbox hospital. A parent binds a child (with guardian) and themself, binds a kiosk card,
 * shows the check-in code, and another account cannot reach any of it.
 */
import { idCardCheckChar } from '../../miniprogram/core/idcard';
import type { RunningStack } from '../../scripts/stack';
import { data, journeyStack } from '../support/journey';
import { NEUTRAL_REFUSAL } from '../../miniprogram/core/verification';

// 2026-11-26 10:00 in Shanghai (02:00Z).
const NOW = '2026-11-26T02:00:00.000Z';
const id = (birth: string, seq: number) => {
  const first17 = `340104${birth}${String(seq).padStart(3, '0')}`;
  return `${first17}${idCardCheckChar(first17)}`;
};
const PARENT = { name: '陈建国', idCardNo: id('19860214', 571), phone: '13812345678' };
const CHILD = { name: '陈小雨', idCardNo: id('20200708', 582), phone: '13812345678' };

const journey = journeyStack(NOW, 7);
const a = journey.client('journey-parent');
const b = journey.client('journey-stranger');
let stack: RunningStack;
beforeAll(() => ({ stack } = journey));

async function kioskCard(body: Record<string, unknown>): Promise<{ cardNo: string; patientId: string; state: string }> {
  const res = await fetch(`${stack.hospitalUrl}/sandbox/cards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as { cardNo: string; patientId: string; state: string };
}

test('bind a child and oneself, a card, a check-in code; another account reaches none of it', async () => {
  // A minor needs a guardian, checked by the cloud before the hospital is asked.
  expect(await journey.bind('journey-parent', { ...CHILD, relation: '子女' })).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'guardian' });

  const child = data<{ patientId: string; patient: Record<string, unknown> }>(
    await journey.bind('journey-parent', { ...CHILD, relation: '子女', guardian: { name: PARENT.name, idCardNo: PARENT.idCardNo } }),
  );
  expect(child.patient).toMatchObject({ name: '陈*雨', idCardNo: '340***********' + CHILD.idCardNo.slice(-4), phone: '138****5678', sex: 'F', isDefault: true, hasGuardian: true, card: null });
  const self = data<{ patientId: string }>(await journey.bind('journey-parent', { ...PARENT, relation: '本人' }));
  expect(await journey.bind('journey-parent', { ...PARENT, relation: '父母' })).toMatchObject({ ok: false, code: 'CONFLICT' });

  // Someone else's name on the parent's ID: no code reaches anyone, and the answer names nothing.
  expect(await journey.bind('journey-stranger', { ...PARENT, name: '陈建军', relation: '本人' })).toMatchObject({ ok: false, code: 'RULE_VIOLATION', message: NEUTRAL_REFUSAL });

  const list = data<{ patients: { patientId: string; isDefault: boolean }[]; limit: number }>(await a('patient.list', {}));
  expect(list.patients.map((p) => p.patientId)).toEqual([child.patientId, self.patientId]);
  expect(list.limit).toBe(5);

  // Cards: the kiosk issues them; only a verified card of the same patient binds.
  const unverified = await kioskCard({ idCardNo: CHILD.idCardNo, name: CHILD.name, verified: false });
  expect(unverified.patientId).toBe(child.patientId);
  expect(await a('card.bind', { patientId: child.patientId, cardNo: unverified.cardNo })).toMatchObject({ ok: false, code: 'RULE_VIOLATION', field: 'cardNo', message: expect.stringContaining('实名认证') });
  const parentCard = await kioskCard({ idCardNo: PARENT.idCardNo, name: PARENT.name });
  expect(await a('card.bind', { patientId: child.patientId, cardNo: parentCard.cardNo })).toMatchObject({ ok: false, code: 'RULE_VIOLATION', message: NEUTRAL_REFUSAL });
  expect(await a('card.bind', { patientId: self.patientId, cardNo: 'NOSUCHCARD1' })).toMatchObject({ ok: false, code: 'RULE_VIOLATION', field: 'cardNo', message: NEUTRAL_REFUSAL });
  const bound = data<{ card: unknown }>(await a('card.bind', { patientId: self.patientId, cardNo: parentCard.cardNo }));
  expect(bound.card).toEqual({ cardNo: parentCard.cardNo, state: 'verified' });

  // The check-in code: signed by the hospital, and the hospital's kiosk accepts it.
  const qr = data<{ code: string; expiresAt: string }>(await a('patient.qrcode', { patientId: child.patientId }));
  expect(Date.parse(qr.expiresAt)).toBeGreaterThan(Date.parse(NOW));
  const verify = await fetch(`${stack.hospitalUrl}/sandbox/qrcode/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: qr.code }) });
  expect(await verify.json()).toMatchObject({ valid: true, patientId: child.patientId });

  // Another account: FORBIDDEN for every patient action, and no data.
  const forbidden = { ok: false, code: 'FORBIDDEN', message: '无权访问该就诊人信息', field: 'patientId' };
  expect(await b('patient.qrcode', { patientId: child.patientId })).toEqual(forbidden);
  expect(await b('card.bind', { patientId: self.patientId, cardNo: parentCard.cardNo })).toEqual(forbidden);
  expect(await b('patient.setDefault', { patientId: self.patientId })).toEqual(forbidden);
  expect(await b('patient.remove', { patientId: child.patientId })).toEqual(forbidden);
  expect(data<{ patients: unknown[] }>(await b('patient.list', {})).patients).toEqual([]);

  // Default and removal.
  const switched = data<{ patients: { patientId: string; isDefault: boolean }[] }>(await a('patient.setDefault', { patientId: self.patientId }));
  expect(switched.patients[0]).toMatchObject({ patientId: self.patientId, isDefault: true });
  const after = data<{ patients: { patientId: string; isDefault: boolean }[] }>(await a('patient.remove', { patientId: self.patientId }));
  expect(after.patients).toEqual([expect.objectContaining({ patientId: child.patientId, isDefault: true })]);
});
