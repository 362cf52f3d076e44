// Every action here takes a form (accept: 'form'). Astro parses a JSON body sent to an action
// before any of our code runs and answers a malformed one with a 500; refusing JSON up front
// gives every such request a clear 415 instead.
const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\b/i;

export function refuseJsonToAction(request: Request, url: URL): Response | undefined {
  if (request.method !== 'POST') return undefined;
  if (!url.pathname.startsWith('/_actions/') && !url.searchParams.has('_action')) return undefined;
  if (!JSON_TYPE.test(request.headers.get('content-type') ?? '')) return undefined;
  const body = {
    type: 'AstroActionError',
    code: 'UNSUPPORTED_MEDIA_TYPE',
    status: 415,
    message: 'Send this form as application/x-www-form-urlencoded or multipart/form-data.',
  };
  return new Response(JSON.stringify(body), { status: 415, headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } });
}
