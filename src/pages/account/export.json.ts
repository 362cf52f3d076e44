// Everything Masthead holds about the signed-in reader, as a JSON download.
import type { APIRoute } from 'astro';
import { PRIVATE_NO_STORE } from '../../lib/http/cache-control.ts';
import { exportAccountData } from '../../server/auth/account-data.ts';
import { getDb } from '../../server/db/database.ts';
import { now } from '../../server/content/clock.ts';

export const GET: APIRoute = async ({ locals }) => {
  if (!locals.user) {
    return new Response(JSON.stringify({ error: 'Please sign in to download your data.' }), {
      status: 401,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': PRIVATE_NO_STORE },
    });
  }
  const data = await exportAccountData(await getDb(), locals.user, now());
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="masthead-account.json"',
      'Cache-Control': PRIVATE_NO_STORE,
    },
  });
};
