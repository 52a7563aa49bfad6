/**
 * `npm run demo`: a short patient journey against the local stack — hospital → departments →
 * doctors → schedules. Uses the running stack (`npm start`) or starts its own on free ports.
 */
import type { Result } from '../typings/result';
import { formatYuan } from '../miniprogram/core/money';
import { weekdayLabel } from '../miniprogram/core/time';
import { cloudClient } from './cloud-client';
import { startStack, type RunningStack } from './stack';

const PERIOD = { AM: '上午', PM: '下午' } as const;

function must<T>(step: string, result: Result<T>): T {
  if (!result.ok) throw new Error(`${step} failed: ${result.code} ${result.message}`);
  return result.data;
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
  let own: RunningStack | undefined;
  if (!(await reachable(cloudUrl))) {
    own = await startStack({ hospitalPort: 0, frontMachinePort: 0, cloudPort: 0, quiet: true });
    cloudUrl = own.cloudUrl;
    console.log(`(no stack at the default port; started one for this demo at ${cloudUrl})\n`);
  }
  const call = cloudClient(cloudUrl, 'demo-patient-openid');
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
  } finally {
    await own?.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
