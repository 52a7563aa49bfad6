/** WeChat's daily bill: downloadBill (the text file reconciliation reads) and the sandbox's view of a day. */
import { gzipSync } from 'node:zlib';
import { formatYuan } from '../../../../miniprogram/core/money';
import { dateRange, formatHospital, hospitalInstant, isHospitalDate } from '../../../../miniprogram/core/time';
import { command } from '../command';
import { emulator, ORDERS, REFUNDS } from './emulator';
import type { DailyBill, DownloadBillParams, DownloadBillResult, PayOrderRecord, PayRefundRecord } from './types';
import { invalid, normalize, PROVIDER_MCH_ID, providerOpenid, text } from './wire';

/** The fee rate, in 1e-5 yuan per fen (0.6%): the bill's 手续费 column, for show. */
const FEE_UNITS_PER_FEN = 6;
/** WeChat generates a day's bill from 9:00 the next day and advises fetching it after 10:00. */
const BILL_READY_AT = '10:00:00';
const BILL_HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
const BILL_SUMMARY_HEADER = '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';

/** Fee units (1e-5 yuan) as WeChat writes them: `0.15000`, `-0.03000`. */
function feeYuan(units: number): string {
  const abs = Math.abs(units);
  return `${units < 0 ? '-' : ''}${Math.floor(abs / 100000)}.${String(abs % 100000).padStart(5, '0')}`;
}

export async function downloadBill(input: DownloadBillParams): Promise<DownloadBillResult> {
  const api = 'downloadBill';
  const p = normalize(api, input);
  const subMchId = text(api, p, 'subMchId', 32);
  const compact = text(api, p, 'billDate', 8, /^\d{8}$/);
  const date = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
  if (!isHospitalDate(date)) throw invalid(api, 'billDate must be yyyyMMdd');
  const billType = p.billType ?? 'ALL';
  if (billType !== 'ALL' && billType !== 'SUCCESS' && billType !== 'REFUND' && billType !== 'RECHARGE_REFUND') throw invalid(api, 'billType');
  if (p.tarType !== undefined && p.tarType !== 'GZIP') throw invalid(api, 'tarType must be GZIP');
  const noBill = { returnCode: 'FAIL' as const, returnMsg: 'No Bill Exist', errCode: 0 as const, errMsg: `cloudPay.${api}:ok` };
  const nextDay = dateRange(date, 2)[1] ?? date;
  if (emulator.now() < hospitalInstant(`${nextDay} ${BILL_READY_AT}`)) return noBill;
  return emulator.locked(async () => {
    const { paid, refunded } = await dayRecords(date);
    const rows: string[][] = [];
    let feeUnits = 0;
    let settledFen = 0;
    let refundedFen = 0;
    for (const o of billType === 'ALL' || billType === 'SUCCESS' ? paid.filter((x) => x.subMchId === subMchId) : []) {
      const fee = o.totalFee * FEE_UNITS_PER_FEN;
      feeUnits += fee;
      settledFen += o.totalFee;
      const y = formatYuan(o.totalFee);
      rows.push([formatHospital(o.paidAt ?? 0), o.subAppid, PROVIDER_MCH_ID, o.subMchId, '', o.transactionId ?? '', o.outTradeNo, providerOpenid(o.subOpenid), 'JSAPI', 'SUCCESS', 'OTHERS', 'CNY', y, '0.00', '0', '0', '0.00', '0.00', '', '', o.body, o.attach ?? '', feeYuan(fee), '0.60%', y, '0.00', '']);
    }
    for (const r of billType === 'ALL' || billType === 'REFUND' ? refunded.filter((x) => x.subMchId === subMchId) : []) {
      const o = await emulator.read<PayOrderRecord>(ORDERS, r.outTradeNo);
      const fee = -r.refundFee * FEE_UNITS_PER_FEN;
      feeUnits += fee;
      refundedFen += r.refundFee;
      const y = formatYuan(r.refundFee);
      rows.push([formatHospital(r.createdAt), o?.subAppid ?? '', PROVIDER_MCH_ID, r.subMchId, '', r.transactionId, r.outTradeNo, o ? providerOpenid(o.subOpenid) : '', 'JSAPI', 'REFUND', 'OTHERS', 'CNY', '0.00', '0.00', r.refundId, r.outRefundNo, y, '0.00', 'ORIGINAL', r.refundStatus, o?.body ?? '', o?.attach ?? '', feeYuan(fee), '0.60%', '0.00', y, '']);
    }
    if (rows.length === 0) return noBill;
    const summary = [String(rows.length), formatYuan(settledFen), formatYuan(refundedFen), '0.00', feeYuan(feeUnits), formatYuan(settledFen), formatYuan(refundedFen)];
    // Every detail and summary field starts with a backtick, so spreadsheets keep long numbers intact.
    const csv = [BILL_HEADER, ...rows.map((row) => row.map((v) => `\`${v}`).join(',')), BILL_SUMMARY_HEADER, summary.map((v) => `\`${v}`).join(','), ''].join('\r\n');
    return { data: p.tarType === 'GZIP' ? gzipSync(Buffer.from(csv, 'utf8')) : csv, errCode: 0 as const, errMsg: `cloudPay.${api}:ok` };
  });
}


/** Payments by time paid and refunds by time applied for (the bill's 交易时间), of one Beijing day, sorted. */
async function dayRecords(date: string): Promise<{ paid: PayOrderRecord[]; refunded: PayRefundRecord[] }> {
  const start = hospitalInstant(`${date} 00:00:00`);
  const end = start + 24 * 60 * 60 * 1000;
  const _ = command;
  const paid = await emulator.readAll<PayOrderRecord>(ORDERS, { paidAt: _.gte(start).and(_.lt(end)) });
  const refunded = await emulator.readAll<PayRefundRecord>(REFUNDS, { createdAt: _.gte(start).and(_.lt(end)) });
  return { paid: paid.sort((a, b) => (a.paidAt ?? 0) - (b.paidAt ?? 0)), refunded: refunded.sort((a, b) => a.createdAt - b.createdAt) };
}

/** WeChat's record of one Beijing day: payments by time paid, refunds by time applied for. */
export async function dailyBill(date: string): Promise<DailyBill> {
  if (!isHospitalDate(date)) throw new RangeError(`not a date: ${date}`);
  return emulator.locked(async () => {
    const { paid, refunded } = await dayRecords(date);
    const payments = paid.map((o) => ({
      time: formatHospital(o.paidAt ?? 0),
      outTradeNo: o.outTradeNo,
      transactionId: o.transactionId ?? '',
      subMchId: o.subMchId,
      totalFee: o.totalFee,
    }));
    const refunds = refunded.map((r) => ({
      time: formatHospital(r.createdAt),
      outTradeNo: r.outTradeNo,
      transactionId: r.transactionId,
      outRefundNo: r.outRefundNo,
      refundId: r.refundId,
      refundFee: r.refundFee,
      refundStatus: r.refundStatus,
      successTime: r.successAt === undefined ? '' : formatHospital(r.successAt),
    }));
    return {
      date,
      payments,
      refunds,
      totals: {
        paymentCount: payments.length,
        paymentFee: payments.reduce((s, x) => s + x.totalFee, 0),
        refundCount: refunds.length,
        refundFee: refunds.reduce((s, x) => s + x.refundFee, 0),
      },
    };
  });
}
