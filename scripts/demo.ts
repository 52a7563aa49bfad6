/**
 * `npm run demo`: a patient journey against the local stack — hospital → departments → doctors →
 * schedules → a family member with a card and QR code → bills paid and confirmed. Uses the running
 * stack (`npm start`) or starts its own on free ports.
 */
import type { Result } from '../typings/result';
import { idCardCheckChar } from '../miniprogram/core/idcard';
import { formatYuan } from '../miniprogram/core/money';
import { formatHospital, hospitalDate, hospitalInstant, weekdayLabel } from '../miniprogram/core/time';
import { cloudClient } from './cloud-client';
import { bindPatient, sandboxInbox } from './bind-patient';
import { startStack, type RunningStack } from './stack';

const PERIOD = { AM: '上午', PM: '下午' } as const;

function must<T>(step: string, result: Result<T>): T {
  if (!result.ok) throw new Error(`${step} failed: ${result.code} ${result.message}`);
  return result.data;
}

/** Completes 17 digits into a valid GB 11643 ID number. */
function withCheck(first17: string): string {
  return first17 + idCardCheckChar(first17);
}

/** Polls until `done` holds (the hospital confirms a payment a moment after WeChat's callback). */
async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 20 && !done(value); i++) {
    await new Promise((r) => setTimeout(r, 250));
    value = await read();
  }
  return value;
}

/** A sandbox control: the hospital's or WeChat's part in the journey. */
async function postJson(url: string, body: object): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

async function reachable(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  let cloudUrl = process.env.CLOUD_URL ?? `http://127.0.0.1:${process.env.CLOUD_PORT ?? 7103}`;
  let hospitalUrl = process.env.HOSPITAL_URL ?? `http://127.0.0.1:${process.env.SANDBOX_PORT ?? 7101}`;
  let own: RunningStack | undefined;
  if (!(await reachable(cloudUrl))) {
    // Its own hospital opens at 09:30 today, so today's afternoon sessions can still be registered.
    const morning = hospitalInstant(`${hospitalDate(Date.now())} 09:30:00`);
    own = await startStack({ hospitalPort: 0, frontMachinePort: 0, cloudPort: 0, quiet: true, now: morning });
    cloudUrl = own.cloudUrl;
    hospitalUrl = own.hospitalUrl;
    console.log(`(no stack at the default port; started one for this demo at ${cloudUrl})\n`);
  }
  // A fresh account each run, so the demo never meets its own earlier bindings.
  const call = cloudClient(cloudUrl, `demo-openid-${Date.now()}`);
  try {
    const info = must('hospital.info', await call('hospital.info', {}));
    console.log(`1. hospital.info → ${info.name}（${info.level}） ${info.address}  电话 ${info.phone}`);

    const { groups } = must('dept.list', await call('dept.list', {}));
    const total = groups.reduce((n, g) => n + g.children.length, 0);
    console.log(`2. dept.list → ${groups.length} 个大科室，${total} 个专科：`);
    for (const g of groups) console.log(`     ${g.name}：${g.children.map((c) => c.name).join('、')}`);

    const dept = groups[0]?.children[0];
    if (!dept) throw new Error('the hospital has no departments');
    const { doctors } = must('doctor.list', await call('doctor.list', { deptId: dept.deptId }));
    console.log(`3. doctor.list {deptId: ${dept.deptId}} → ${dept.name} ${doctors.length} 位医生：`);
    for (const d of doctors) console.log(`     ${d.name} ${d.title} 挂号费 ${formatYuan(d.fee)}元  ${d.specialty}`);

    const first = doctors[0];
    if (!first) throw new Error(`${dept.name} has no doctors`);
    const doctor = must('doctor.get', await call('doctor.get', { doctorId: first.doctorId }));
    console.log(`4. doctor.get {doctorId: ${doctor.doctorId}} → ${doctor.name}，${doctor.title}，${doctor.intro.slice(0, 40)}…`);

    const byDoctor = must('schedule.list', await call('schedule.list', { doctorId: doctor.doctorId }));
    console.log(`5. schedule.list {doctorId} → ${byDoctor.dates[0]} 起 7 天 ${byDoctor.schedules.length} 个出诊时段：`);
    for (const s of byDoctor.schedules) {
      const state = s.status === 'stopped' ? '停诊' : s.remaining === 0 ? '约满' : `余${s.remaining}`;
      console.log(`     ${s.date} ${weekdayLabel(s.date)} ${PERIOD[s.period]} ${s.startTime}-${s.endTime}  ${state}/${s.totalSlots}`);
    }

    const byDept = must('schedule.list', await call('schedule.list', { deptId: dept.deptId, days: 7 }));
    const open = byDept.schedules.filter((s) => s.status === 'open');
    const remaining = open.reduce((n, s) => n + s.remaining, 0);
    console.log(`6. schedule.list {deptId} → ${dept.name} 7 天 ${byDept.schedules.length} 个时段，可约 ${open.length} 个，剩余号源 ${remaining} 个`);

    const missing = await call('doctor.get', { doctorId: 'NO-SUCH-DOCTOR' });
    console.log(`7. doctor.get {doctorId: NO-SUCH-DOCTOR} → ${missing.ok ? 'unexpected success' : `${missing.code} ${missing.message}`}`);
    const bad = await call('schedule.list', {} as never);
    console.log(`8. schedule.list {} → ${bad.ok ? 'unexpected success' : `${bad.code} ${bad.message} (field ${bad.field})`}`);

    // A parent binds their 8-year-old child (guardian required under 14), as 就诊人管理 does.
    const parentId = withCheck('11010519850312003');
    const childId = withCheck('11010520180501004');
    // Binding proves possession: the hospital texts a code (here its SMS gateway stands in for the phone).
    const inbox = sandboxInbox(hospitalUrl);
    const tooYoung = await bindPatient(call, { name: '王小明', idCardNo: childId, phone: '13800138000', relation: '子女' }, inbox);
    console.log(`9. patient.sendCode (8岁, 未填监护人) → ${tooYoung.ok ? 'unexpected success' : `${tooYoung.code} ${tooYoung.message} (field ${tooYoung.field})`}`);
    const added = must('patient.add', await bindPatient(call, {
      name: '王小明', idCardNo: childId, phone: '13800138000', relation: '子女', guardian: { name: '王建国', idCardNo: parentId },
    }, inbox));
    console.log(`    patient.sendCode → 短信验证码已发送至 138****8000（${(await inbox('13800138000', ''))?.replace(/\d/g, '•')}）→ patient.add {challengeId, smsCode}`);
    const p = added.patient;
    console.log(`10. patient.add (含监护人) → patientId ${added.patientId}：${p.name} ${p.idCardNo} ${p.phone} ${p.relation} 默认=${p.isDefault} 卡=${p.card ? p.card.cardNo : '未绑卡'}`);

    // The family gets a card at the kiosk (real-name verified), then binds it in the app.
    const kiosk = (await postJson(`${hospitalUrl}/sandbox/cards`, { idCardNo: childId, name: '王小明' })) as { cardNo: string };
    const bound = must('card.bind', await call('card.bind', { patientId: added.patientId, cardNo: kiosk.cardNo }));
    console.log(`11. 自助机办卡 ${kiosk.cardNo} → card.bind → ${bound.card?.cardNo} (${bound.card?.state === 'verified' ? '已实名' : '未实名'})`);

    const qr = must('patient.qrcode', await call('patient.qrcode', { patientId: added.patientId }));
    const verified = (await postJson(`${hospitalUrl}/sandbox/qrcode/verify`, { code: qr.code })) as { valid: boolean; patientId?: string };
    console.log(`12. patient.qrcode → 有效至 ${formatHospital(Date.parse(qr.expiresAt), 'HH:mm:ss')}；医院自助机验码 → ${verified.valid ? `有效，患者 ${verified.patientId}` : '无效'}`);

    // The doctor's orders leave bills; the parent pays them in the app (门诊缴费).
    await postJson(`${hospitalUrl}/sandbox/visits`, { patientId: added.patientId });
    const bills = must('bill.list', await call('bill.list', { patientId: added.patientId }));
    console.log(`13. 就诊结束 → bill.list → ${bills.bills.length} 张待缴费单，合计 ${formatYuan(bills.total)}元：` +
      bills.bills.map((b) => `${b.title} ${formatYuan(b.amount)}元`).join('，'));
    const paying = must('bill.pay', await call('bill.pay', { patientId: added.patientId, billIds: bills.bills.map((b) => b.billId) }));
    console.log(`14. bill.pay → 订单 ${paying.order.outTradeNo} ${formatYuan(paying.order.amount)}元 ${paying.order.statusLabel}`);
    await postJson(`${cloudUrl}/sandbox/pay`, { outTradeNo: paying.order.outTradeNo });
    let order = must('order.get', await call('order.get', { outTradeNo: paying.order.outTradeNo }));
    for (let i = 0; i < 20 && !['confirmed', 'closed', 'refunded'].includes(order.status); i++) {
      await new Promise((r) => setTimeout(r, 250));
      order = must('order.get', await call('order.get', { outTradeNo: paying.order.outTradeNo }));
    }
    console.log(`15. 微信支付 → order.get → ${order.statusLabel}，收据号 ${order.receiptNo ?? '—'}；经过：${order.history.map((h) => h.to).join(' → ')}`);
    const costs = must('cost.list', await call('cost.list', { patientId: added.patientId }));
    const visit = costs.visits[0];
    if (visit) console.log(`16. cost.list → ${visit.visitDate} ${visit.deptName} 合计 ${formatYuan(visit.total)}元，已缴 ${formatYuan(visit.paid)}元，待缴 ${formatYuan(visit.pending)}元`);

    // Booking: tomorrow's session of a doctor (预约), then today's (当日挂号, paid at once), then 退号.
    const week = must('schedule.list', await call('schedule.list', { deptId: dept.deptId }));
    const [today, tomorrow] = week.dates;
    const nextOpen = week.schedules.find((x) => x.date === tomorrow && x.status === 'open');
    if (nextOpen) {
      const slots = must('slot.list', await call('slot.list', { scheduleId: nextOpen.scheduleId }));
      const free = slots.slots.find((x) => x.available);
      if (free) {
        const appt = must('appointment.create', await call('appointment.create', { patientId: added.patientId, slotId: free.slotId, scheduleId: nextOpen.scheduleId }));
        console.log(`17. slot.list → ${slots.slots.filter((x) => x.available).length}/${slots.slots.length} 个可约；appointment.create → ${appt.date} ${appt.startTime} ${appt.doctorName} ${appt.statusLabel}，${appt.location}；取号时间 ${formatHospital(Date.parse(appt.takeNumber.opensAt), 'MM-DD HH:mm')} 起`);
        if (appt.pay) {
          // This hospital charges at booking (SANDBOX_PAY_AT_BOOKING=1): the appointment is held until paid.
          await postJson(`${cloudUrl}/sandbox/pay`, { outTradeNo: appt.pay.order.outTradeNo });
          const paid = await waitFor(async () => must('order.get', await call('order.get', { outTradeNo: appt.pay?.order.outTradeNo ?? '' })), (o) => o.status === 'confirmed');
          console.log(`17a. 预约时缴费 ${formatYuan(paid.amount)}元 → ${paid.statusLabel}，收据号 ${paid.receiptNo ?? '—'}`);
        }
        const cancelled = must('appointment.cancel', await call('appointment.cancel', { appointmentId: appt.appointmentId }));
        console.log(`18. appointment.cancel（就诊前一天）→ ${cancelled.statusLabel}，号源已释放${cancelled.prepaid ? '，挂号费原路退回' : ''}`);
      }
    }
    // An afternoon session today in any department, so 退号 before it starts is allowed.
    let todayOpen = week.schedules.find((x) => x.date === today && x.period === 'PM' && x.status === 'open');
    for (const d of groups.flatMap((g) => g.children)) {
      if (todayOpen) break;
      const day = must('schedule.list', await call('schedule.list', { deptId: d.deptId, days: 1 }));
      todayOpen = day.schedules.find((x) => x.period === 'PM' && x.status === 'open');
    }
    const todaySlot = todayOpen && must('slot.list', await call('slot.list', { scheduleId: todayOpen.scheduleId })).slots.find((x) => x.available);
    if (todaySlot) {
      const reg = must('registration.create', await call('registration.create', { patientId: added.patientId, slotId: todaySlot.slotId }));
      console.log(`19. registration.create（当日挂号）→ 号源保留至 ${formatHospital(Date.parse(reg.holdExpiresAt), 'HH:mm')}，订单 ${formatYuan(reg.order.amount)}元 ${reg.order.statusLabel}`);
      await postJson(`${cloudUrl}/sandbox/pay`, { outTradeNo: reg.order.outTradeNo });
      const regs = await waitFor(async () => must('registration.list', await call('registration.list', { patientId: added.patientId })).registrations, (r) => r.length > 0);
      const r0 = regs[0];
      if (r0) {
        console.log(`20. 支付 → registration.list → ${r0.deptName} ${r0.doctorName} ${r0.startTime} 第${r0.queueNo}号 ${r0.statusLabel}`);
        const refunded = await call('registration.refund', { registrationId: r0.registrationId });
        console.log(`21. registration.refund（退号）→ ${refunded.ok ? refunded.data.statusLabel : `${refunded.code} ${refunded.message}`}`);
      }
    } else {
      console.log('19. （今天该科室已无可挂号源，跳过当日挂号）');
    }

    const stranger = await cloudClient(cloudUrl, `demo-stranger-${Date.now()}`)('patient.qrcode', { patientId: added.patientId });
    console.log(`22. 另一个微信账号请求该就诊人的二维码 → ${stranger.ok ? 'unexpected success' : `${stranger.code} ${stranger.message}`}`);
  } finally {
    await own?.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
