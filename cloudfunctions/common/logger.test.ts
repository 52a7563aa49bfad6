import { createLogger, maskFields, thresholdFromEnv } from './logger';

test('personal fields are masked by name, at any depth', () => {
  expect(
    maskFields({
      patient: { name: '张小明', idCardNo: '11010519491231002X', phone: '13812341234' },
      openid: 'oAbCdEfGhIjKlMn',
      list: [{ patientName: '李四' }],
      hmacKey: 'secret',
      deptId: 'D01',
    }),
  ).toEqual({
    patient: { name: '张*明', idCardNo: '110***********002X', phone: '138****1234' },
    openid: 'oAbC***Mn',
    list: [{ patientName: '李*' }],
    hmacKey: '[redacted]',
    deptId: 'D01',
  });
});

test('one JSON line per event, with bindings, masked, honouring the level', () => {
  const lines: string[] = [];
  const log = createLogger({ sink: (l) => lines.push(l), bindings: { fn: 'api' }, clock: () => 0, level: 'warn' });
  log.info('hidden');
  log.child({ action: 'patient.add' }).warn('refused', { name: '王五' });
  expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
    { level: 'warn', time: '1970-01-01T00:00:00.000Z', msg: 'refused', fn: 'api', action: 'patient.add', name: '王*' },
  ]);
});

test('errors are logged with name and message', () => {
  const lines: string[] = [];
  createLogger({ sink: (l) => lines.push(l) }).error('bug', { error: new TypeError('x is undefined') });
  expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ error: { name: 'TypeError', message: 'x is undefined' } });
});

test('LOG_LEVEL as pino spells it', () => {
  expect(thresholdFromEnv('silent')).toBe('silent');
  expect(thresholdFromEnv('debug')).toBe('info');
  expect(thresholdFromEnv(undefined)).toBe('info');
  expect(thresholdFromEnv('error')).toBe('error');
});

test('card numbers keep their last 4; ID and mobile numbers are masked even inside free text', () => {
  expect(maskFields({ cardNo: 'C00012345678', note: '患者11010519491231002X 手机13812341234 已挂号', msg: 'P1001' })).toEqual({
    cardNo: '********5678',
    note: '患者110***********002X 手机138****1234 已挂号',
    msg: 'P1001',
  });
  const lines: string[] = [];
  createLogger({ sink: (l) => lines.push(l) }).error('failed for 11010519491231002X', { error: new Error('bad id 11010519491231002X') });
  expect(lines.join('')).not.toContain('11010519491231002X');
});

test('a long digit run that is not an ID or a mobile is left alone', () => {
  expect(maskFields({ orderNo: '202603091234567890123', amount: '13812341234567' })).toEqual({ orderNo: '202603091234567890123', amount: '13812341234567' });
});
