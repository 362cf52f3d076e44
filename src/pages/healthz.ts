// For load balancers and orchestrators: 200 when this instance can reach its database, 503
// when it cannot (it stays up and recovers by itself). Never cached.
import type { APIRoute } from 'astro';
import { PRIVATE_NO_STORE } from '../lib/http/cache-control.ts';
import { probeDatabase } from '../server/http/database-outage.ts';

export const GET: APIRoute = async () => {
  const headers = { 'Content-Type': 'application/json', 'Cache-Control': PRIVATE_NO_STORE };
  const unreachable = await probeDatabase();
  if (!unreachable) return new Response(JSON.stringify({ status: 'ok', database: 'ok' }), { headers });
  return new Response(JSON.stringify({ status: 'unavailable', database: 'unreachable' }), { status: 503, headers: { ...headers, 'Retry-After': '5' } });
};
