/** payOrder: WeChat's pay sheet in the cloud, the local cloud's /sandbox/pay in local mode; never throws. */
import { config } from '../../miniprogram/config';
import { PAY_CANCEL_ERR_MSG, payOrder } from '../../miniprogram/services/pay';
import { mocked, resetWx } from './helpers';
import { answerPaySheet, fakePayments, makeOrder, PAYMENT, servePayments } from './payment-helpers';

beforeEach(() => {
  resetWx();
  config.mode = 'local';
});
afterAll(() => {
  config.mode = 'local';
});

type PayOptions = WechatMiniprogram.RequestPaymentOption;

describe('payOrder in cloud mode (wx.requestPayment)', () => {
  beforeEach(() => {
    config.mode = 'cloud';
  });

  it('opens the pay sheet with exactly the parameters unifiedOrder issued, and answers paid', async () => {
    mocked(wx.requestPayment).mockImplementation((options: PayOptions) => options.success?.({ errMsg: 'requestPayment:ok' }));
    expect(await payOrder(PAYMENT, 'B0001N1')).toBe('paid');
    expect(wx.requestPayment).toHaveBeenCalledTimes(1);
    expect(mocked(wx.requestPayment).mock.calls[0]?.[0]).toMatchObject(PAYMENT);
    expect(wx.request).not.toHaveBeenCalled();
    expect(wx.showModal).not.toHaveBeenCalled();
  });

  it('answers cancelled when the patient closes the sheet (requestPayment:fail cancel)', async () => {
    mocked(wx.requestPayment).mockImplementation((options: PayOptions) => options.fail?.({ errMsg: PAY_CANCEL_ERR_MSG }));
    expect(await payOrder(PAYMENT, 'B0001N1')).toBe('cancelled');
  });

  it('answers failed for any other failure, and when the API itself throws', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    mocked(wx.requestPayment).mockImplementation((options: PayOptions) => options.fail?.({ errMsg: 'requestPayment:fail 支付签名错误' }));
    expect(await payOrder(PAYMENT, 'B0001N1')).toBe('failed');
    mocked(wx.requestPayment).mockImplementation(() => {
      throw new Error('not supported');
    });
    expect(await payOrder(PAYMENT, 'B0001N1')).toBe('failed');
    warn.mockRestore();
  });
});

describe('payOrder in local mode (the local cloud plays WeChat)', () => {
  it('asks the patient to confirm, then POSTs {outTradeNo} to /sandbox/pay on the local cloud host', async () => {
    const payments = fakePayments({ orders: [makeOrder({ outTradeNo: 'B0001N1' })] });
    const { sandbox } = servePayments(payments);
    answerPaySheet('confirm');
    expect(await payOrder(PAYMENT, 'B0001N1')).toBe('paid');
    expect(sandbox).toEqual([{ url: 'http://127.0.0.1:7103/sandbox/pay', method: 'POST', data: { outTradeNo: 'B0001N1' } }]);
    expect(payments.order('B0001N1').status).toBe('paid');
    expect(wx.showModal).toHaveBeenCalledTimes(1);
    expect(wx.requestPayment).not.toHaveBeenCalled();
  });

  it('answers cancelled without paying when the patient cancels', async () => {
    const payments = fakePayments({ orders: [makeOrder({ outTradeNo: 'B0001N1' })] });
    const { sandbox } = servePayments(payments);
    answerPaySheet('cancel');
    expect(await payOrder(PAYMENT, 'B0001N1')).toBe('cancelled');
    expect(sandbox).toEqual([]);
    expect(payments.order('B0001N1').status).toBe('created');
  });

  it('answers failed when the host refuses (closed order) or cannot be reached', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const payments = fakePayments({ orders: [makeOrder({ outTradeNo: 'B0001N1', status: 'closed' })] });
    servePayments(payments);
    answerPaySheet('confirm');
    expect(await payOrder(PAYMENT, 'B0001N1')).toBe('failed');

    mocked(wx.request).mockImplementation((options: { fail?: (e: { errMsg: string }) => void }) => options.fail?.({ errMsg: 'request:fail net::ERR_CONNECTION_REFUSED' }));
    expect(await payOrder(PAYMENT, 'B0001N1')).toBe('failed');
    warn.mockRestore();
  });
});
