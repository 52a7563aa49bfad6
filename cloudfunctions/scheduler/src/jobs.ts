/**
 * What the scheduler runs, apart from wiring. A timer event (every minute) runs the order janitor,
 * then the daily reconciliation when it is due (after 10:00 Beijing, once per day by its cursor).
 * Then the push job (hospital events → subscription messages). `{job: 'janitor'}`, `{job: 'push'}` and
 * `{job: 'reconcile', date?}` run one job on demand (operators, tests).
 */
import type { HospitalDate } from '../../../typings/hospital';
import { isHospitalDate } from '../../../miniprogram/core/time';
import type { Logger } from '../../common/logger';
import type { PushReport } from '../../common/push/job';
import { reconcile, reconcileDaily, reconciliationDue, type JanitorReport, type PaymentEngine, type ReconcileDeps, type ReconciliationReport } from '../../common/payments';

export interface SchedulerAnswer {
  janitor?: JanitorReport;
  /** push: hospital events → subscription messages (common/push/job.ts). */
  push?: PushReport;
  reconciliation?: ReconciliationReport | null;
  error?: string;
}

/** `janitorDeadlineAt` (real time): the janitor stops starting orders then, leaving the rest of the run's time to reconciliation. */
export async function runScheduler(event: unknown, deps: { engine: PaymentEngine; reconcile: ReconcileDeps; owner: string; log: Logger; janitorDeadlineAt?: number; push?: (owner: string) => Promise<PushReport> }): Promise<SchedulerAnswer> {
  const budget = deps.janitorDeadlineAt === undefined ? undefined : { deadlineAt: deps.janitorDeadlineAt };
  const e = (event !== null && typeof event === 'object' ? event : {}) as { job?: unknown; date?: unknown };
  if (e.job === 'janitor') return { janitor: await deps.engine.runJanitor(deps.owner, budget) };
  if (e.job === 'push' && deps.push) return { push: await deps.push(deps.owner) };
  if (e.job === 'reconcile') {
    const date = e.date === undefined ? reconciliationDue(deps.reconcile.clock()).date : e.date;
    if (typeof date !== 'string' || !isHospitalDate(date)) return { error: 'date must be YYYY-MM-DD' };
    return { reconciliation: await reconcile(deps.reconcile, date as HospitalDate) };
  }
  if (e.job !== undefined) return { error: `unknown job ${String(e.job).slice(0, 40)}` };
  // The timer: the janitor first (money in flight matters most), then the daily report if due.
  const answer: SchedulerAnswer = { janitor: await deps.engine.runJanitor(deps.owner, budget) };
  if (deps.push) {
    try {
      answer.push = await deps.push(deps.owner);
    } catch (err) {
      deps.log.error('push run failed; the next run carries on from the cursor', { error: err });
      answer.error = 'push failed';
    }
  }
  try {
    answer.reconciliation = await reconcileDaily(deps.reconcile, deps.owner);
  } catch (err) {
    deps.log.error('daily reconciliation failed; the next run tries again', { error: err });
    answer.error = 'reconciliation failed';
  }
  return answer;
}
