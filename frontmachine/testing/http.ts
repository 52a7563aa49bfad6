/**
 * HTTP for tests over a real socket on a random port: fastify's `inject` pulls an ESM-only
 * dependency (cookie) that jest on Node 20 cannot require.
 */
import type { FastifyInstance } from 'fastify';

export interface HttpAnswer {
  statusCode: number;
  text: string;
  json(): unknown;
}

export async function listen(app: FastifyInstance): Promise<string> {
  return app.listen({ port: 0, host: '127.0.0.1' });
}

export async function request(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<HttpAnswer> {
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body });
  const text = await res.text();
  return { statusCode: res.status, text, json: () => JSON.parse(text) as unknown };
}
