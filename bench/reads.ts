/**
 * `npm run bench -- reads`: the front machine's throughput and p99 on cached schedule reads at 200
 * connections, beside the sandbox hospital's direct throughput on the same query, as a ratio.
 * Every front-machine request is signed with a fresh nonce, as the cloud would send it. The hospital
 * and the front machine run in child processes, so autocannon here does not starve them.
 */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { signedHeaders } from '../protocol/signature';
import { hospitalDate } from '../miniprogram/core/time';
import { startBenchStack } from './processes';

const CONNECTIONS = 200;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);

function summary(label: string, r: autocannon.Result): string {
  return `${label}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ` +
    `${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`;
}

export async function benchReads(): Promise<void> {
  const stack = await startBenchStack();
  try {
    const deptPath = '/v1/dept.list';
    const depts = await fetch(`${stack.frontMachineUrl}${deptPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedHeaders(stack.hmacKey, 'POST', deptPath, '{}', Date.now()) },
      body: '{}',
    }).then((r) => r.json() as Promise<{ ok: boolean; data: { departments: { deptId: string; parentId: string | null }[] } }>);
    const deptId = depts.data.departments.find((d) => d.parentId !== null)?.deptId ?? depts.data.departments[0]?.deptId ?? '';
    const today = hospitalDate(Date.now());
    const body = JSON.stringify({ deptId, from: today, to: today });
    const path = '/v1/schedule.list';

    const front = await autocannon({
      url: stack.frontMachineUrl,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: [
        {
          method: 'POST',
          path,
          setupRequest: (req) => ({
            ...req,
            body,
            headers: { 'content-type': 'application/json', ...signedHeaders(stack.hmacKey, 'POST', path, body, Date.now()) },
          }),
        },
      ],
    });

    const xml = `<?xml version="1.0" encoding="UTF-8"?><Message><Header><ServiceName>QuerySchedules</ServiceName>` +
      `<MessageId>${randomUUID()}</MessageId><SendTime>${today} 10:00:00</SendTime><SourceSystem>FRONT</SourceSystem></Header>` +
      `<Body><DeptCode>${deptId}</DeptCode><BeginDate>${today}</BeginDate><EndDate>${today}</EndDate></Body></Message>`;
    const direct = await autocannon({
      url: `${stack.hospitalUrl}/hsb`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      method: 'POST',
      headers: { 'content-type': 'application/xml; charset=utf-8' },
      body: xml,
    });

    console.log(`reads (${CONNECTIONS} connections, ${DURATION_S} s each, schedules of ${deptId} for ${today}; hospital and front machine in child processes)`);
    console.log('  ' + summary('front machine, cached', front));
    console.log('  ' + summary('sandbox hospital, direct', direct));
    console.log(`  ratio front/direct throughput: ${(front.requests.average / Math.max(1, direct.requests.average)).toFixed(2)}`);
  } finally {
    await stack.close();
  }
}
