/**
 * `invoice.download`: the invoice's PDF, fetched from the hospital through the front machine, put
 * in cloud storage and answered as a temporary URL valid 10 minutes (what wx.downloadFile opens).
 * The storage path is a keyed digest of the account and the invoice: it cannot be guessed from an
 * invoice number, and a second download replaces the file rather than adding one.
 */
import { INVOICE_URL_MAX_AGE_S, temporaryUrl } from '../../../common/after-visit/cloud-store';
import { keyedDigest } from '../../../common/privacy';
import type { ActionDefinition } from '../action';
import { INVOICE_ID_RULE } from './after-visit';
import { PATIENT_ID_RULE } from './patients';

export const invoiceDownload: ActionDefinition<'invoice.download', { patient: 'patientId' }> = {
  schema: { patientId: PATIENT_ID_RULE, invoiceId: INVOICE_ID_RULE },
  scope: { patient: 'patientId' },
  async handler(ctx, input) {
    const { pdfBase64 } = await ctx.frontMachine.call('invoice.pdf', { patientId: ctx.patient.patientId, invoiceId: input.invoiceId });
    const cloudPath = `invoices/${keyedDigest(ctx.idHmacKey, ['invoice-file', ctx.openid, input.invoiceId]).slice(0, 40)}.pdf`;
    const { url, expiresAt } = await temporaryUrl(cloudPath, Buffer.from(pdfBase64, 'base64'), INVOICE_URL_MAX_AGE_S, ctx.clock());
    return { url, expiresAt, fileName: `电子票据${input.invoiceId}.pdf` };
  },
};
