// Issue 16, bad input: a page that opens popups (one of them to a forbidden address) and starts
// downloads. Popups are closed and downloads refused, not obeyed: the page's own article is what
// gets rendered (an ad popup must not cost the article), the forbidden port sees no connection, and
// the pool renders the next page as before.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { after, before, test } from 'node:test';
import { SHELL_PAGE, shellArticle, startShellSite } from '@newsflow/seeds';
import type { ShellSite } from '@newsflow/seeds';
import { startTestRenderer } from './support/renderer-config.ts';
import type { TestRenderer } from './support/renderer-config.ts';

const TITLE = 'Ferry timetable changes for the winter';
let site: ShellSite;
let renderer: TestRenderer;
let forbidden: Server;
let forbiddenPort = 0;
let accepts = 0;

/** The shell page, plus popups to the site and to the forbidden port, and two kinds of download. */
function pushyPage(port: number): string {
  const pushy = `<script>
window.open('/popup');
window.open('http://127.0.0.1:${port}/popup');
const link = document.createElement('a'); link.href = '/report.bin'; link.download = 'report.bin';
document.body.append(link); link.click();
const data = document.createElement('a'); data.href = URL.createObjectURL(new Blob(['x'.repeat(1e6)]));
data.download = 'big.bin'; document.body.append(data); data.click();
</script>`;
  return SHELL_PAGE.replace('</body>', `${pushy}</body>`);
}

before(async () => {
  forbidden = createServer((socket) => {
    accepts++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => forbidden.listen(0, '127.0.0.1', resolve));
  forbiddenPort = (forbidden.address() as AddressInfo).port;
  site = await startShellSite(shellArticle(TITLE));
  site.pages.set('/news/pushy', pushyPage(forbiddenPort));
  site.pages.set('/popup', '<html><body><script>location.href = "/report.bin";</script></body></html>');
  renderer = startTestRenderer({ FETCH_ALLOW_PRIVATE: [`127.0.0.1:${site.port}`], RENDER_CONCURRENCY: 1 });
});

after(async () => {
  await renderer.close();
  await site.close();
  forbidden.close();
});

test('a page that opens popups and starts downloads renders its own article, and the pool goes on', async () => {
  const page = await renderer.render(`${site.origin}/news/pushy`);
  assert.equal(page.finalUrl, `${site.origin}/news/pushy`, 'the page stayed where it was');
  assert.match(page.html, new RegExp(`<h1>${TITLE}</h1>`));
  assert.equal(accepts, 0, 'the popup to the forbidden port never connected');
  const next = await renderer.render(`${site.origin}/news/after`);
  assert.match(next.html, new RegExp(`<h1>${TITLE}</h1>`));
});
