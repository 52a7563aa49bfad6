import { createHospital } from './hospital';
import type { Hospital } from './hospital';
import { callHsb } from './testing';
import { buildRequest, fenToYuan, parseEnvelope, parseRequest } from './xml';

const NOW = '2026-11-26T01:30:00Z'; // 09:30 in Shanghai

describe('HSB envelope', () => {
  let hospital: Hospital;
  beforeEach(() => {
    hospital = createHospital({ now: NOW });
    hospital.clock.freeze();
  });
  afterEach(() => hospital.close());

  it('echoes ServiceName and MessageId, answers as HSB with Shanghai SendTime and ResultCode 0', async () => {
    const answer = await callHsb(hospital, 'GetHospitalInfo', {}, 'msg-42');
    expect(answer.Header).toEqual({
      ServiceName: 'GetHospitalInfo',
      MessageId: 'msg-42',
      SendTime: '2026-11-26 09:30:00',
      SourceSystem: 'HSB',
      ResultCode: '0',
      ResultMessage: '成功',
    });
  });

  it('writes the XML declaration and the Message/Header/Body layout', async () => {
    const xml = await hospital.handle(buildRequest('GetHospitalInfo', 'm1', '2026-11-26 09:30:00'));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toMatch(/<Message>\s*<Header>\s*<ServiceName>GetHospitalInfo<\/ServiceName>\s*<MessageId>m1<\/MessageId>/);
    expect(xml).toContain('<SourceSystem>HSB</SourceSystem>');
    expect(xml).toMatch(/<\/Header>\s*<Body>\s*<Hospital>/);
  });

  it('escapes and restores special characters', async () => {
    const answer = await callHsb(hospital, 'QueryDoctors', { DeptCode: 'a<b&c' }, 'id&<>');
    expect(answer.Header.MessageId).toBe('id&<>');
    expect(answer.Header.ResultCode).toBe('1002');
  });

  it.each([
    ['an empty body', ''],
    ['unclosed tags', '<Message><Header>'],
    ['plain text', 'hello'],
    ['JSON', '{"ServiceName":"GetHospitalInfo"}'],
    ['another root element', '<Envelope><Header><ServiceName>GetHospitalInfo</ServiceName><MessageId>1</MessageId></Header></Envelope>'],
    ['two root elements', '<Message><Header><ServiceName>GetHospitalInfo</ServiceName><MessageId>1</MessageId></Header></Message><Message/>'],
    ['no Header', '<Message><Body/></Message>'],
    ['a DTD', '<!DOCTYPE x [<!ENTITY a "aaaa">]><Message><Header><ServiceName>GetHospitalInfo</ServiceName><MessageId>1</MessageId></Header></Message>'],
  ])('answers %s with a 1002 envelope and a Chinese message', async (_label, xml) => {
    const answer = parseEnvelope(await hospital.handle(xml));
    expect(answer.Header.SourceSystem).toBe('HSB');
    expect(answer.Header.ResultCode).toBe('1002');
    expect(answer.Header.ResultMessage).toMatch(/[\u4e00-\u9fa5]/);
    expect(answer.Header.ResultMessage).not.toMatch(/at |Error|stack/);
  });

  it('refuses a request without MessageId, echoing the ServiceName it could read', async () => {
    const answer = parseEnvelope(await hospital.handle('<Message><Header><ServiceName>QueryDepartments</ServiceName></Header><Body/></Message>'));
    expect(answer.Header).toMatchObject({ ServiceName: 'QueryDepartments', MessageId: '', ResultCode: '1002', ResultMessage: '缺少报文编号MessageId' });
  });

  it('refuses an unknown ServiceName with 1002', async () => {
    const answer = parseEnvelope(await hospital.handle(buildRequest('BookEverything', 'm2', '2026-11-26 09:30:00')));
    expect(answer.Header).toMatchObject({ ServiceName: 'BookEverything', MessageId: 'm2', ResultCode: '1002', ResultMessage: '不支持的服务：BookEverything' });
  });

  it('reads a body with elements and an empty body alike', () => {
    const withBody = parseRequest(buildRequest('QueryDoctors', 'a', 't', { DeptCode: '0101' }));
    expect(withBody).toEqual({ ok: true, header: { ServiceName: 'QueryDoctors', MessageId: 'a' }, body: { DeptCode: '0101' } });
    const empty = parseRequest('<Message><Header><ServiceName>GetHospitalInfo</ServiceName><MessageId>b</MessageId></Header><Body/></Message>');
    expect(empty).toEqual({ ok: true, header: { ServiceName: 'GetHospitalInfo', MessageId: 'b' }, body: {} });
  });
});

describe('fenToYuan', () => {
  it.each([
    [5000, '50.00'],
    [3500, '35.00'],
    [1, '0.01'],
    [0, '0.00'],
    [123456, '1234.56'],
    [-250, '-2.50'],
  ])('%i fen → %s', (fen, yuan) => expect(fenToYuan(fen)).toBe(yuan));
});
