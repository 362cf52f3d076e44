// The answer when the database cannot be reached: a calm page, a 503 and a hint to retry.
export function serviceUnavailable(): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Back shortly</title>
<style>body{margin:0;padding:4rem 1.25rem;font:1.125rem/1.6 Georgia,serif;color:#1b1b1b;background:#fffdf9}main{max-width:36rem;margin:auto}h1{font-size:2rem}</style></head>
<body><main><h1>We’ll be back shortly</h1><p>We cannot reach our database just now, so we cannot show this page. Please try again in a minute.</p><p><a href="/">Front page</a></p></main></body></html>`;
  return new Response(html, {
    status: 503,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': '30', 'Cache-Control': 'no-store' },
  });
}
