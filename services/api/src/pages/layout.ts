import { html } from './html.ts';
import type { SafeHtml } from './html.ts';

/** Only our own script and stylesheet run; no inline code, no third parties, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function layout(title: string, main: SafeHtml, query = ''): SafeHtml {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Newsflow</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body>
<header class="top">
  <a class="brand" href="/">Newsflow</a>
  <form class="search" action="/" method="get" role="search">
    <input type="search" name="q" value="${query}" placeholder="Search the news" aria-label="Search" autofocus>
    <button type="submit">Search</button>
  </form>
  <nav><a href="/dashboard">Queues</a> <a href="/openapi.json">API</a></nav>
</header>
<div class="page">
<main>${main}</main>
<aside id="health" class="health" aria-label="Pipeline health">
  <h2>Pipeline</h2>
  <table class="queues"><thead><tr><th>queue</th><th>waiting</th><th>active</th><th>failed</th><th>done/min</th></tr></thead><tbody id="queue-rows"><tr><td colspan="5">loading…</td></tr></tbody></table>
  <h3>Processed per minute</h3>
  <svg id="throughput" viewBox="0 0 300 90" role="img" aria-label="Jobs finished per minute over the last 15 minutes"></svg>
  <p id="health-note" class="note"></p>
</aside>
</div>
</body>
</html>`;
}
