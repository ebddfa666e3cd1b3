// screenshots.mjs OUT_DIR PLAIN_PRIVATE_DIR ENCRYPTED_PRIVATE_DIR LINK: take
// the phone-width (375 px) screenshots kept under docs/screenshots/: the
// docket and an issue with a table from a plain build, and a parent's
// portal from an encrypted one, opened through LINK (index.html#slot=N)
// with the passphrase in $PCDOCKET_PARENT_PASSPHRASE, typed and submitted
// with the keyboard. A tool for looking, not a test.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const [out, plain, enc, link] = process.argv.slice(2);
const pass = process.env.PCDOCKET_PARENT_PASSPHRASE;
if (!out || !plain || !enc || !link || !pass) {
  console.error('usage: PCDOCKET_PARENT_PASSPHRASE=… screenshots.mjs OUT_DIR PLAIN_DIR ENCRYPTED_DIR index.html#slot=N');
  process.exit(2);
}
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--hide-scrollbars'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 375, height: 900, deviceScaleFactor: 1, isMobile: true });
  const url = (dir, rel) => pathToFileURL(path.resolve(dir)).href + '/' + rel;

  await page.goto(url(plain, 'index.html'), { waitUntil: 'load' });
  await page.screenshot({ path: path.join(out, 'private-docket-375.png') });

  // The first issue page whose record has a table, the table in view
  // with the keyboard's focus on its scroll box.
  await page.goto(url(plain, 'cases/2026-fam-0142-nunez-ward/issues/2.html'), { waitUntil: 'load' });
  await page.evaluate(() => {
    const box = document.querySelector('.prose .scroll');
    box.scrollIntoView({ block: 'center' });
    box.focus({ preventScroll: true });
  });
  await page.screenshot({ path: path.join(out, 'private-issue-table-375.png') });

  await page.goto(url(enc, link), { waitUntil: 'load' });
  await page.screenshot({ path: path.join(out, 'portal-unlock-375.png') });
  await page.keyboard.type(pass);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.pcvState === 'open' && document.querySelector('h1') && !document.getElementById('pcv'), { timeout: 60000 });
  await page.screenshot({ path: path.join(out, 'portal-case-375.png') });
} finally {
  await browser.close();
}
