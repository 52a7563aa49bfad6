/** The janitor (scheduler, every minute): drives every open order with something due towards confirmed, closed or refunded. */
import type { OrderDoc } from '../../../../typings/db';
import { OPEN_STATUSES } from '../ledger';
import { LEASE_MS, type EngineContext, type JanitorBudget, type JanitorReport } from './context';
import { confirm } from './confirmation';
import { finishHandBack } from './hand-backs';
import { recordAbnormalRefund, recordRefund, refundStateAtWeChat, requestRefund } from './refunds';
import { settleWithWeChat } from './wechat-sync';

/** Whether the janitor has anything to do for the order now (so idle orders are not leased). */
function due(o: OrderDoc, now: number): boolean {
  if (o.status === 'created' || o.status === 'paying') return o.status === 'paying' || now >= o.expiresAt;
  if (o.status === 'paid') return o.nextAttemptAt === null || o.nextAttemptAt <= now || (o.confirmDeadline !== null && now >= o.confirmDeadline);
  if (o.status === 'confirmed') return Boolean(o.handBack);
  return o.status === 'refunding';
}

/** Open orders, and confirmed ones with a hand-back under way. */
function workable(o: OrderDoc): boolean {
  return OPEN_STATUSES.includes(o.status) || (o.status === 'confirmed' && Boolean(o.handBack));
}

async function work(ctx: EngineContext, order: OrderDoc, now: number): Promise<void> {
  switch (order.status) {
    case 'created':
    case 'paying':
      await settleWithWeChat(ctx, order, 'janitor');
      return;
    case 'paid': {
      // Asking is confirming again under the same key: a hospital that holds the payment (a late commit)
      // answers its receipt, one that cannot take it refuses (→ refund). Silence is not a "no".
      const outcome = await confirm(ctx, order._id, 'janitor');
      if (outcome === 'retry' && order.confirmDeadline !== null && now >= order.confirmDeadline) {
        ctx.log.error('ALERT: paid order past its confirmation deadline and the hospital cannot say whether it holds the payment; not refunded, still asking', {
          outTradeNo: order._id,
          attempts: order.confirmAttempts + 1,
        });
      }
      return;
    }
    case 'confirmed':
      await finishHandBack(ctx, order);
      return;
    case 'refunding': {
      if (order.outRefundNo === null) return;
      const truth = await refundStateAtWeChat(ctx, order.outRefundNo);
      // Unknown to WeChat: ask (again) for the same refund. Known: its callback or the daily bill proves its end.
      if (!truth.known) await requestRefund(ctx, order);
      else if (truth.end === 'SUCCESS') await recordRefund(ctx, order._id, order.outRefundNo, truth.refundFee ?? order.refundAmount ?? 0, truth.successAt ?? now, 'janitor: queryRefund');
      else if (truth.end !== undefined) await recordAbnormalRefund(ctx, order._id, truth.end, 'janitor: queryRefund');
      return;
    }
    default:
      return;
  }
}

/**
 * One janitor pass over every open order, least recently worked first, within the time budget: what
 * it cannot reach is left for the next run, which starts with it (each worked order records `workedAt`).
 */
export async function runJanitor(ctx: EngineContext, owner: string, budget?: JanitorBudget): Promise<JanitorReport> {
  const { ledger, log } = ctx;
  const report: JanitorReport = { owner, examined: 0, worked: 0, skipped: 0, failed: 0, deferred: 0 };
  const orders = [...(await ledger.listByStatus(OPEN_STATUSES)), ...(await ledger.listHandingBack())].sort((a, b) => (a.workedAt ?? 0) - (b.workedAt ?? 0) || a._id.localeCompare(b._id));
  const realNow = budget?.now ?? Date.now;
  for (const [i, listed] of orders.entries()) {
    if (budget && realNow() >= budget.deadlineAt) {
      report.deferred = orders.length - i;
      log.warn('janitor out of time: the rest waits for the next run', { owner, deferred: report.deferred });
      break;
    }
    report.examined++;
    const now = ctx.clock();
    if (!due(listed, now)) continue;
    // The lease: a second run at the same time skips what this one holds.
    const claimed = await ledger.change<OrderDoc | null>(listed._id, (cur) => {
      if (!cur || !workable(cur)) return { answer: null };
      if (cur.lease && cur.lease.owner !== owner && cur.lease.until > now) return { answer: null };
      const next = { ...cur, lease: { owner, until: now + LEASE_MS } };
      return { next, answer: next };
    });
    if (!claimed) {
      report.skipped++;
      continue;
    }
    try {
      await work(ctx, claimed, now);
      report.worked++;
    } catch (err) {
      report.failed++;
      log.error('janitor could not work an order; next run retries', { outTradeNo: listed._id, error: err });
    } finally {
      const workedAt = ctx.clock();
      await ledger.change(listed._id, (cur) => (cur?.lease?.owner === owner ? { next: { ...cur, lease: null, workedAt }, answer: null } : { answer: null }));
    }
  }
  if (report.worked > 0 || report.failed > 0) log.info('janitor run', { ...report });
  return report;
}
