/**
 * The 403 answer for a customer session that tries the ops console. A route handler (not a page
 * under the console's access check), so it answers 403 itself and can never redirect in a loop.
 */
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>403 · Staff only</title>
<style>
body{font-family:ui-sans-serif,system-ui,sans-serif;background:#f8fafc;color:#0f172a;margin:0;display:grid;min-height:100vh;place-items:center}
main{max-width:32rem;padding:2rem 1.5rem;text-align:center}
h1{font-size:1.6rem;margin:0 0 .75rem}
p{color:#334155;line-height:1.5}
a{color:#1c44a8;font-weight:600}
</style>
</head>
<body>
<main>
<h1>403 · Staff only</h1>
<p>The ops console is for staff. You are signed in to the store as a customer, and a customer account cannot open it.</p>
<p><a href="/">Back to the store</a> · <a href="/ops/sign-in">Staff sign-in</a></p>
</main>
</body>
</html>`;

export function GET(): Response {
  return new Response(PAGE, {
    status: 403,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}
