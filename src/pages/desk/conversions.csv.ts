// The desk's figures as a spreadsheet: one row per story with activity in the last 30 days,
// counts for 7 and 30 days. Editors and admins only; never cached.
import type { APIRoute } from 'astro';
import { deskAnswer } from '../../lib/desk/desk-access.ts';
import { conversionsCsv } from '../../lib/desk/conversion-report.ts';
import { PRIVATE_NO_STORE } from '../../lib/http/cache-control.ts';
import { now } from '../../server/content/clock.ts';
import { getDb } from '../../server/db/database.ts';
import { conversionReport } from '../../server/desk/desk-overview.ts';

export const GET: APIRoute = async ({ locals, redirect }) => {
  const access = deskAnswer(locals.user?.role, locals.user !== null);
  if (access === 'sign-in') return redirect(`/sign-in/?next=${encodeURIComponent('/desk/')}`, 303);
  if (access === 'forbidden') {
    return new Response('The desk is for the newsroom’s editors and admins.\n', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': PRIVATE_NO_STORE } });
  }
  const clock = now();
  const csv = conversionsCsv(await conversionReport(await getDb(), clock));
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="masthead-story-figures-${clock.toISOString().slice(0, 10)}.csv"`,
      'Cache-Control': PRIVATE_NO_STORE,
    },
  });
};
