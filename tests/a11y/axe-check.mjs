// axe-check.mjs DIR: open every .html page under DIR in the system's headless
// Chromium (never a downloaded browser), run axe-core against WCAG 2.0/2.1/2.2
// A and AA plus best practices, at a phone and a desktop width, and exit 1 on
// any violation, whatever its impact (minor, moderate, serious, critical), or
// on any request that leaves DIR (neither site may make external requests).
// Used for the public site and for the private site of a plain build.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const dir = process.argv[2];
if (!dir || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
  console.error('usage: axe-check.mjs SITE_DIR');
  process.exit(2);
}
const root = path.resolve(dir);
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(browserPath)) {
  console.error(`axe-check: no Chromium at ${browserPath}; install the Debian package chromium or set CHROMIUM`);
  process.exit(2);
}

function pages(d) {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    if (e.isDirectory()) return pages(p);
    return e.name.endsWith('.html') ? [p] : [];
  }).sort();
}

const widths = [375, 1280];
const files = pages(root);
if (files.length === 0) {
  console.error(`axe-check: no .html files under ${root}`);
  process.exit(2);
}

const browser = await puppeteer.launch({
  executablePath: browserPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let bad = 0;
let checked = 0;
const counts = {};
try {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  let outside = new Set();
  page.on('request', (req) => {
    const u = req.url();
    if (u.startsWith('file://') || u.startsWith('data:') || u === 'about:blank') {
      req.continue();
    } else {
      outside.add(u);
      req.abort();
    }
  });
  for (const file of files) {
    const rel = path.relative(root, file);
    for (const width of widths) {
      outside = new Set();
      await page.setViewport({ width, height: 900 });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        return await axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
          resultTypes: ['violations'],
        });
      });
      checked++;
      for (const v of result.violations) {
        counts[v.impact] = (counts[v.impact] || 0) + 1;
        bad++;
        console.log(`FAIL ${rel} @${width}px: [${v.impact}] ${v.id}: ${v.help}`);
        for (const n of v.nodes.slice(0, 5)) {
          console.log(`     ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`);
        }
      }
      for (const u of outside) {
        bad++;
        console.log(`FAIL ${rel} @${width}px: external request to ${u}`);
      }
    }
  }
} finally {
  await browser.close();
}
const summary = Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ') || 'no violations';
console.log(`axe-core: ${files.length} pages x ${widths.length} widths = ${checked} checks; ${summary}; ${bad ? bad + ' failing' : 'passed'}`);
process.exit(bad ? 1 : 0);
