import type { PersonToBind } from '../../../../scripts/bind-patient';
import type { ApiResult } from '../../../../typings/api';
import type { BoundPatient, PatientAddRequest, PatientAddResponse, PatientListResponse, PatientQrcodeResponse } from '../../../../typings/patient';
import { AppError } from '../../../../miniprogram/core/errors';
import { idCard } from '../../../testing/patient-hospital';
import { dataOf, expectFailure, harness, type Harness } from '../../../testing/harness';
import { CARD_MESSAGES } from './card-bind';

const person = (i: number, relation: PatientAddRequest['relation'] = '其他'): PersonToBind => ({
  name: `测试${'甲乙丙丁戊己庚辛壬癸'.charAt(i)}`,
  idCardNo: idCard('19700101', 100 + i * 2 + 1),
  phone: `1390000000${i}`,
  relation,
});

let h: Harness;
/** patientIds bound to o-a, in binding order. */
let ids: string[];

/** Binds n people to `openid`; o-b's are other people than o-a's. */
async function bind(openid: string, n: number): Promise<string[]> {
  const out: string[] = [];
  const first = openid === 'o-b' ? 5 : 0;
  for (let i = first; i < first + n; i++) out.push(dataOf<PatientAddResponse>(await h.bind(openid, person(i))).patientId);
  return out;
}
const list = async (openid = 'o-a') => dataOf<PatientListResponse>(await h.call(openid, 'patient.list', {}));
const defaults = (l: PatientListResponse) => l.patients.filter((p) => p.isDefault).map((p) => p.patientId);

beforeEach(async () => {
  h = harness();
  ids = await bind('o-a', 3);
  h.fm.calls.length = 0;
});

describe('patient.list', () => {
  test('an account that never bound anyone: empty, with the cap', async () => {
    expect(await list('o-new')).toEqual({ patients: [], limit: 5 });
    expect(await h.raw('o-new')).toBeNull();
  });

  test('masked patients, default first, no hospital call', async () => {
    const l = await list();
    expect(l.patients.map((p) => p.patientId)).toEqual(ids);
    expect(defaults(l)).toEqual([ids[0]]);
    expect(l.patients[1]).toMatchObject({ name: '测*乙', phone: '139****0001', card: null });
    expect(h.fm.calls).toHaveLength(0);
  });

  test('takes no parameters', async () => {
    expectFailure(await h.call('o-a', 'patient.list', { openid: 'o-b' }), 'INVALID_INPUT', 'openid');
  });
});

describe('patient.setDefault', () => {
  test('moves the default and answers the new list, default first', async () => {
    const l = dataOf<PatientListResponse>(await h.call('o-a', 'patient.setDefault', { patientId: ids[2] as string }));
    expect(l.patients.map((p) => p.patientId)).toEqual([ids[2], ids[0], ids[1]]);
    expect(defaults(l)).toEqual([ids[2]]);
    expect(defaults(await list())).toEqual([ids[2]]);
  });

  test('setting the current default again changes nothing', async () => {
    const l = dataOf<PatientListResponse>(await h.call('o-a', 'patient.setDefault', { patientId: ids[0] as string }));
    expect(defaults(l)).toEqual([ids[0]]);
  });

  test('another account’s patient is FORBIDDEN, and nothing changes for either', async () => {
    const [theirs] = await bind('o-b', 1);
    expectFailure(await h.call('o-a', 'patient.setDefault', { patientId: theirs as string }), 'FORBIDDEN', 'patientId', '无权访问该就诊人信息');
    expect(defaults(await list())).toEqual([ids[0]]);
  });

  test('a malformed id is INVALID_INPUT', async () => {
    expectFailure(await h.call('o-a', 'patient.setDefault', { patientId: '../P1' }), 'INVALID_INPUT', 'patientId');
    expectFailure(await h.call('o-a', 'patient.setDefault', {}), 'INVALID_INPUT', 'patientId', '请填写就诊人');
  });
});

describe('patient.remove', () => {
  test('removing a non-default patient keeps the default', async () => {
    const l = dataOf<PatientListResponse>(await h.call('o-a', 'patient.remove', { patientId: ids[1] as string }));
    expect(l.patients.map((p) => p.patientId)).toEqual([ids[0], ids[2]]);
    expect(defaults(l)).toEqual([ids[0]]);
  });

  test('removing the default makes the next one default', async () => {
    const l = dataOf<PatientListResponse>(await h.call('o-a', 'patient.remove', { patientId: ids[0] as string }));
    expect(l.patients.map((p) => p.patientId)).toEqual([ids[1], ids[2]]);
    expect(defaults(l)).toEqual([ids[1]]);
    expect(await list()).toEqual(l);
  });

  test('removing everyone leaves an empty list; a removed patient is no longer reachable', async () => {
    for (const id of ids) dataOf(await h.call('o-a', 'patient.remove', { patientId: id }));
    expect((await list()).patients).toEqual([]);
    expectFailure(await h.call('o-a', 'patient.qrcode', { patientId: ids[0] as string }), 'FORBIDDEN', 'patientId');
    expect(h.fm.calls).toHaveLength(0);
  });

  test('a removed patient may be added again, and frees a place under the limit', async () => {
    dataOf(await h.bind('o-a', person(3)));
    dataOf(await h.bind('o-a', person(4)));
    expectFailure(await h.bind('o-a', { ...person(0), idCardNo: idCard('19600101', 999) }), 'LIMIT_REACHED', undefined);
    dataOf(await h.call('o-a', 'patient.remove', { patientId: ids[0] as string }));
    const again = dataOf<PatientAddResponse>(await h.bind('o-a', person(0)));
    expect(again.patientId).toBe(ids[0]);
    expect(again.patient.isDefault).toBe(false);
  });

  test('another account’s patient is FORBIDDEN and stays bound there', async () => {
    const [theirs] = await bind('o-b', 1);
    expectFailure(await h.call('o-a', 'patient.remove', { patientId: theirs as string }), 'FORBIDDEN', 'patientId');
    expect((await list('o-b')).patients.map((p) => p.patientId)).toEqual([theirs]);
  });

  test('two concurrent removes of the same patient both answer the list without it', async () => {
    const [a, b] = await Promise.all([h.call('o-a', 'patient.remove', { patientId: ids[0] as string }), h.call('o-a', 'patient.remove', { patientId: ids[0] as string })]);
    for (const r of [a, b]) expect(dataOf<PatientListResponse>(r as ApiResult).patients.map((p) => p.patientId)).toEqual([ids[1], ids[2]]);
    expect(defaults(await list())).toEqual([ids[1]]);
  });
});

describe('card.bind', () => {
  test('a verified card of this patient is stored on the binding and answered', async () => {
    const cardNo = h.hospital.issueCard(ids[1] as string, 'verified');
    const p = dataOf<BoundPatient>(await h.call('o-a', 'card.bind', { patientId: ids[1] as string, cardNo }));
    expect(p).toMatchObject({ patientId: ids[1], card: { cardNo, state: 'verified' }, isDefault: false });
    expect(h.fm.calls).toEqual([{ op: 'card.get', req: { cardNo, caller: expect.stringMatching(/^[0-9a-f]{32}$/) } }]);
    expect((await list()).patients.find((x) => x.patientId === ids[1])?.card).toEqual({ cardNo, state: 'verified' });
  });

  test('binding another card replaces the first', async () => {
    const first = h.hospital.issueCard(ids[0] as string, 'verified');
    const second = h.hospital.issueCard(ids[0] as string, 'verified');
    dataOf(await h.call('o-a', 'card.bind', { patientId: ids[0] as string, cardNo: first }));
    const p = dataOf<BoundPatient>(await h.call('o-a', 'card.bind', { patientId: ids[0] as string, cardNo: second }));
    expect(p.card).toEqual({ cardNo: second, state: 'verified' });
  });

  test.each([
    ['another hospital patient’s card', 'other', CARD_MESSAGES.notThisPatient],
    ['an unverified card', 'unverified', CARD_MESSAGES.unverified],
    ['a cancelled card', 'cancelled', CARD_MESSAGES.cancelled],
  ] as const)('%s is RULE_VIOLATION field cardNo, nothing stored', async (_name, kind, message) => {
    const cardNo = kind === 'other' ? h.hospital.issueCard('P9999', 'verified') : h.hospital.issueCard(ids[0] as string, kind);
    expectFailure(await h.call('o-a', 'card.bind', { patientId: ids[0] as string, cardNo }), 'RULE_VIOLATION', 'cardNo', message);
    expect((await list()).patients[0]?.card).toBeNull();
  });

  test('another patient’s cancelled card says only that it is not theirs', async () => {
    const cardNo = h.hospital.issueCard('P9999', 'cancelled');
    expectFailure(await h.call('o-a', 'card.bind', { patientId: ids[0] as string, cardNo }), 'RULE_VIOLATION', 'cardNo', CARD_MESSAGES.notThisPatient);
  });

  test('an unknown card reads exactly like someone else’s card: the neutral refusal', async () => {
    expectFailure(await h.call('o-a', 'card.bind', { patientId: ids[0] as string, cardNo: 'NOSUCH01' }), 'RULE_VIOLATION', 'cardNo', CARD_MESSAGES.notThisPatient);
  });

  test('at most 10 card tries per account per hour, then LIMIT_REACHED with when to try again', async () => {
    for (let i = 0; i < 10; i++) expectFailure(await h.call('o-a', 'card.bind', { patientId: ids[0] as string, cardNo: `NOSUCH${10 + i}` }), 'RULE_VIOLATION', 'cardNo');
    const eleventh = await h.call('o-a', 'card.bind', { patientId: ids[0] as string, cardNo: 'NOSUCH99' });
    expectFailure(eleventh, 'LIMIT_REACHED', undefined, '绑定就诊卡尝试次数过多，请于3月9日 11:00 后再试');
    await h.advance(3_600_000);
    expectFailure(await h.call('o-a', 'card.bind', { patientId: ids[0] as string, cardNo: 'NOSUCH99' }), 'RULE_VIOLATION', 'cardNo');
  });

  test.each(['abc', 'A'.repeat(33), 'C-0001', '卡号1234', 'C0001 '])('a malformed card number %j is INVALID_INPUT without a hospital call', async (cardNo) => {
    expectFailure(await h.call('o-a', 'card.bind', { patientId: ids[0] as string, cardNo }), 'INVALID_INPUT', 'cardNo', CARD_MESSAGES.format);
    expect(h.fm.calls).toHaveLength(0);
  });

  test('another account’s patient is FORBIDDEN before the card is even looked up', async () => {
    const [theirs] = await bind('o-b', 1);
    const cardNo = h.hospital.issueCard(theirs as string, 'verified');
    h.fm.calls.length = 0;
    expectFailure(await h.call('o-a', 'card.bind', { patientId: theirs as string, cardNo }), 'FORBIDDEN', 'patientId');
    expect(h.fm.calls).toHaveLength(0);
  });

  test('the patient removed while the card was being checked: NOT_FOUND, nothing re-bound', async () => {
    const cardNo = h.hospital.issueCard(ids[2] as string, 'verified');
    h = harness({
      answers: {
        'card.get': async (req) => {
          dataOf(await h.call('o-a', 'patient.remove', { patientId: ids[2] as string }));
          return { cardNo: req.cardNo, patientId: ids[2] as string, state: 'verified' };
        },
      },
    });
    ids = await bind('o-a', 3);
    expectFailure(await h.call('o-a', 'card.bind', { patientId: ids[2] as string, cardNo }), 'NOT_FOUND', 'patientId');
    expect((await list()).patients.map((p) => p.patientId)).toEqual(ids.slice(0, 2));
  });
});

describe('patient.qrcode', () => {
  test('answers the hospital’s code for the bound patient, stores nothing', async () => {
    const before = await h.raw('o-a');
    const q = dataOf<PatientQrcodeResponse>(await h.call('o-a', 'patient.qrcode', { patientId: ids[1] as string }));
    expect(q.code).toMatch(new RegExp(`^HQR1\\.${ids[1]}\\.`));
    expect(Date.parse(q.expiresAt)).toBeGreaterThan(h.clock.now);
    expect(h.fm.calls).toEqual([{ op: 'patient.qrcode', req: { patientId: ids[1] } }]);
    expect(await h.raw('o-a')).toEqual(before);
  });

  test('the hospital unreachable is HOSPITAL_UNAVAILABLE', async () => {
    h = harness({
      answers: {
        'patient.qrcode': () => {
          throw new AppError('HOSPITAL_UNAVAILABLE');
        },
      },
    });
    ids = await bind('o-a', 1);
    expectFailure(await h.call('o-a', 'patient.qrcode', { patientId: ids[0] as string }), 'HOSPITAL_UNAVAILABLE', undefined);
  });

  test('another account’s patient, or one that does not exist, is FORBIDDEN alike', async () => {
    const [theirs] = await bind('o-b', 1);
    h.fm.calls.length = 0;
    const other = await h.call('o-a', 'patient.qrcode', { patientId: theirs as string });
    const none = await h.call('o-a', 'patient.qrcode', { patientId: 'P424242' });
    expectFailure(other, 'FORBIDDEN', 'patientId', '无权访问该就诊人信息');
    expect(none).toEqual(other);
    expect(h.fm.calls).toHaveLength(0);
  });
});
