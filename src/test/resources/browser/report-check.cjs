// Opens an ITF report.html in headless Chromium and prints, as JSON, what a person sees there and every
// request the page made. Usage: node report-check.cjs REPORT.html [screenshot.png]
const { chromium } = require('playwright-core');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

(async () => {
  const file = require('path').resolve(process.argv[2]);
  const url = 'file://' + file;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });
  const out = {};
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const requests = [];
    page.on('request', r => { if (r.url() !== url) requests.push(r.url()); });
    const started = Date.now();
    await page.goto(url, { waitUntil: 'load' });
    out.loadMs = Date.now() - started;
    out.verdict = (await page.locator('#verdict').innerText()).trim();
    out.title = await page.title();
    out.counts = {};
    for (const id of ['total', 'passed', 'failed', 'errored', 'skipped', 'flaky', 'passrate']) {
      const card = page.locator('#count-' + id + ' .n');
      out.counts[id] = (await card.count()) ? (await card.innerText()).trim() : null;
    }
    out.charts = await page.locator('svg.chart').count();
    out.chartsVisible = await page.locator('svg.chart').first().isVisible();
    out.errorKindsText = (await page.locator('#errors').count()) ? (await page.locator('#errors').innerText()) : '';
    const failures = page.locator('details.failure');
    out.failures = await failures.count();
    if (out.failures > 0) {
      const first = failures.first();
      out.failureSummary = (await first.locator('summary').innerText()).trim();
      const message = first.locator('.body pre.message').first();
      out.messageVisibleBefore = await message.isVisible();
      await first.locator('summary').click();
      out.messageVisibleAfter = await message.isVisible();
      out.messageAfter = (await message.innerText()).trim();
      out.stepLogVisibleAfter = (await first.locator('pre.log').count()) ? await first.locator('pre.log').first().isVisible() : false;
    }
    const table = page.locator('#case-table');
    out.rows = Number(await table.getAttribute('data-total'));
    out.rowsRendered = await page.locator('#case-table tbody tr').count();
    out.firstRow = out.rowsRendered ? (await page.locator('#case-table tbody tr').first().innerText()) : '';
    out.shown = (await page.locator('#shown').innerText()).trim();
    if (out.rows > 0) {
      await page.fill('#filter', 'zzz-no-such-case');
      out.rowsMatchedAfterFilter = Number(await table.getAttribute('data-matched'));
      out.rowsRenderedAfterFilter = await page.locator('#case-table tbody tr').count();
      await page.fill('#filter', '');
      await page.selectOption('#outcome', 'failed');
      out.failedMatched = Number(await table.getAttribute('data-matched'));
      await page.selectOption('#outcome', '');
    }
    out.sections = await page.$$eval('section', s => s.map(e => e.id));
    if (process.argv[3]) {
      await page.screenshot({ path: process.argv[3], fullPage: true });
    }
    out.requests = requests;
    await context.close();

    // the summary without JavaScript
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    const plainRequests = [];
    plain.on('request', r => { if (r.url() !== url) plainRequests.push(r.url()); });
    await plain.goto(url, { waitUntil: 'load' });
    out.noJs = {
      verdict: (await plain.locator('#verdict').innerText()).trim(),
      total: (await plain.locator('#count-total .n').innerText()).trim(),
      summaryVisible: await plain.locator('#summary').isVisible(),
      requests: plainRequests,
    };
    await noJs.close();
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(out) + '\n');
})().catch(e => { console.error(e && e.stack || String(e)); process.exit(1); });
