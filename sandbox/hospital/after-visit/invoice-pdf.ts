/**
 * The e-invoice's layout file (版式文件): a real PDF rendered with pdfkit in a CJK font from the
 * system (Debian's fonts-noto-cjk). Without the font the hospital answers a clear error, never crashes.
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { afterVisitData } from './data';
import type { IssuedInvoice } from './invoices';

/** Where the CJK font is (SANDBOX_CJK_FONT), and its name inside the collection (SANDBOX_CJK_FONT_NAME). */
export function cjkFont(): { path: string; name: string } {
  return {
    path: process.env.SANDBOX_CJK_FONT || '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    name: process.env.SANDBOX_CJK_FONT_NAME || 'NotoSansCJKsc-Regular',
  };
}

export const FONT_MISSING_MESSAGE = '电子票据版式文件生成失败：医院服务器缺少中文字体（请安装 fonts-noto-cjk）';

export class InvoiceFontMissingError extends Error {
  constructor(path: string) {
    super(`CJK font not found at ${path} (apt-get install fonts-noto-cjk, or set SANDBOX_CJK_FONT)`);
    this.name = 'InvoiceFontMissingError';
  }
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UNITS = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];

function uppercaseInteger(n: number): string {
  if (n === 0) return '零';
  const digits = String(n);
  let out = '';
  let zero = false;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]);
    const pos = digits.length - 1 - i;
    if (d === 0) zero = true;
    else {
      if (zero && out !== '') out += '零';
      zero = false;
      out += DIGITS.charAt(d) + (UNITS[pos % 4] ?? '');
    }
    // 万 and 亿 close a group that has any digit.
    if (pos % 4 === 0 && pos > 0 && Math.floor(n / 10_000 ** (pos / 4)) % 10_000 !== 0) out += GROUPS[pos / 4] ?? '';
  }
  return out;
}

/** 大写金额 of an amount in fen, e.g. 12345 → 壹佰贰拾叁元肆角伍分, 10000 → 壹佰元整, 100005 → 壹仟元零伍分. */
export function uppercaseYuan(fen: number): string {
  const whole = uppercaseInteger(Math.floor(fen / 100));
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (jiao === 0 && cents === 0) return `${whole}元整`;
  return `${whole}元${jiao === 0 ? '零' : DIGITS.charAt(jiao) + '角'}${cents === 0 ? '' : DIGITS.charAt(cents) + '分'}`;
}

const yuan = (fen: number): string => (fen / 100).toFixed(2);

/** Renders the invoice; throws InvoiceFontMissingError when the system has no CJK font. */
export function renderInvoicePdf(invoice: IssuedInvoice, hospitalName: string): Promise<Buffer> {
  const font = cjkFont();
  if (!existsSync(font.path)) return Promise.reject(new InvoiceFontMissingError(font.path));
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A5', layout: 'landscape', margin: 36, info: { Title: `医疗收费电子票据 ${invoice.invoiceId}`, Author: hospitalName } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      doc.registerFont('cjk', font.path, font.name);
      doc.font('cjk');
      doc.fontSize(18).text(`${hospitalName}医疗收费电子票据`, { align: 'center' });
      doc.moveDown(0.5).fontSize(10);
      doc.text(`票据代码：${invoice.invoiceCode}    票据号码：${invoice.invoiceNumber}    校验码：${invoice.checkCode}`);
      doc.text(`交款人：${invoice.payerName}    开票日期：${invoice.issueTime.slice(0, 10)}    业务：${invoice.title}`);
      if (invoice.tradeNo !== null) doc.text(`业务流水号：${invoice.tradeNo}`);
      doc.moveDown(0.5).fontSize(11).text('项目名称                                金额（元）');
      for (const item of invoice.items) doc.fontSize(11).text(`${item.category.padEnd(20, '　')}${yuan(item.amount)}`);
      doc.moveDown(0.5);
      doc.text(`合计（大写）：${uppercaseYuan(invoice.totalFee)}`);
      doc.text(`合计（小写）：¥${yuan(invoice.totalFee)}`);
      doc.moveDown(1).fontSize(9);
      doc.text(`收款单位（章）：${hospitalName}    监制：${afterVisitData.invoice.supervisor}`);
      doc.end();
    } catch (error) {
      reject(error);
    }
  });
}
