/** The emulated cloud storage: the real SDK's shapes, and temporary URLs that expire on the given clock. */
import { configureStorage, getTempFileURL, readTemporaryFile, resetStorage, uploadFile } from './storage';

let now = Date.parse('2026-11-26T02:00:00Z');
beforeEach(() => {
  resetStorage();
  configureStorage({ baseUrl: 'http://127.0.0.1:7103/', clock: () => now });
});

function query(url: string): { path: string; t: string | undefined; sign: string | undefined } {
  const u = new URL(url);
  return { path: decodeURIComponent(u.pathname.replace(/^\/storage\//, '')), t: u.searchParams.get('t') ?? undefined, sign: u.searchParams.get('sign') ?? undefined };
}

test('uploadFile answers a fileID; getTempFileURL a signed URL the host serves until maxAge runs out', async () => {
  const { fileID, statusCode } = await uploadFile({ cloudPath: 'invoices/a/1.pdf', fileContent: Buffer.from('%PDF-1.3 x') });
  expect({ fileID, statusCode }).toEqual({ fileID: 'cloud://local.sandbox-bucket/invoices/a/1.pdf', statusCode: 200 });
  const { fileList } = await getTempFileURL({ fileList: [{ fileID, maxAge: 600 }, 'cloud://local.sandbox-bucket/none.pdf'] });
  expect(fileList[0]).toMatchObject({ fileID, maxAge: 600, status: 0, errMsg: 'ok', tempFileURL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:7103\/storage\/invoices\/a\/1\.pdf\?t=\d+&sign=/) });
  expect(fileList[1]).toMatchObject({ status: -503003, errMsg: 'STORAGE_FILE_NONEXIST', tempFileURL: '' });

  const q = query(fileList[0]!.tempFileURL);
  const served = readTemporaryFile(q.path, q.t, q.sign);
  expect(served.ok && served.content.toString()).toBe('%PDF-1.3 x');
  expect(readTemporaryFile(q.path, q.t, 'forged')).toEqual({ ok: false, status: 403 });
  expect(readTemporaryFile(q.path, String(Number(q.t) + 3600), q.sign)).toEqual({ ok: false, status: 403 });
  now += 600_000;
  expect(readTemporaryFile(q.path, q.t, q.sign)).toEqual({ ok: false, status: 403 });
});

test('bad parameters reject like the SDK', async () => {
  await expect(uploadFile({ cloudPath: '/abs.pdf', fileContent: Buffer.from('x') })).rejects.toMatchObject({ errCode: -501001 });
  await expect(uploadFile({ cloudPath: 'a/../b.pdf', fileContent: Buffer.from('x') })).rejects.toMatchObject({ errCode: -501001 });
  await expect(uploadFile({ cloudPath: 'a.pdf', fileContent: 'x' as unknown as Buffer })).rejects.toMatchObject({ errCode: -501001 });
  await expect(getTempFileURL({ fileList: [] })).rejects.toMatchObject({ errCode: -501001 });
});
