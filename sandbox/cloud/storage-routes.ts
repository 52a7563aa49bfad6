/** The local cloud host serving cloud storage's temporary URLs (`GET /storage/<path>?t=&sign=`), as the CDN would. */
import type { FastifyInstance } from 'fastify';
import { readTemporaryFile } from './wx-server-sdk/storage';

const TYPES: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', json: 'application/json' };

export function registerStorageRoutes(app: FastifyInstance): void {
  app.get<{ Params: { '*': string }; Querystring: { t?: string; sign?: string } }>('/storage/*', async (req, reply) => {
    const path = req.params['*'];
    const file = readTemporaryFile(path, req.query.t, req.query.sign);
    if (!file.ok) return reply.code(file.status).type('text/plain; charset=utf-8').send(file.status === 404 ? 'file not found' : 'signature invalid or expired');
    const ext = path.split('.').pop()?.toLowerCase() ?? '';
    return reply.type(TYPES[ext] ?? 'application/octet-stream').send(file.content);
  });
}
