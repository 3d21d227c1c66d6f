// Drives the operator's dashboard in headless Chromium as a person would: signs in with a token, watches the run
// list until the run named RUN appears and reaches a final phase (without reloading the page), opens the run's page
// and its reports. Prints progress lines (SIGNED_IN, PHASE <phase>) for the test to act on, then one JSON line.
// Usage: node dashboard-check.cjs BASE_URL GOOD_TOKEN BAD_TOKEN RUN [screenshot-dir]
const { chromium } = require('playwright-core');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const FINAL = ['Succeeded', 'Failed', 'Error'];

(async () => {
  const [base, good, bad, runName, shots] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });
  const out = { phases: [], consoleErrors: [] };
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('console', m => { if (m.type() === 'error') out.consoleErrors.push(m.text()); });
    const requests = [];
    page.on('request', r => requests.push(r.url()));

    // not signed in: the dashboard sends the browser to the sign-in page
    await page.goto(base + '/dashboard', { waitUntil: 'load' });
    out.redirectedTo = new URL(page.url()).pathname;
    await page.fill('#token', bad);
    await page.click('#sign-in button[type=submit]');
    await page.waitForFunction(() => document.getElementById('error').textContent.length > 0, null, { timeout: 60000 });
    out.badTokenError = await page.locator('#error').innerText();
    await page.fill('#token', good);
    await Promise.all([page.waitForURL(u => new URL(u).pathname === '/dashboard', { timeout: 60000 }),
      page.click('#sign-in button[type=submit]')]);
    out.user = await page.locator('#user').innerText();
    out.documentCookie = await page.evaluate(() => document.cookie);
    out.storage = await page.evaluate(() => JSON.stringify(sessionStorage) + JSON.stringify(localStorage));
    const cookies = await context.cookies();
    out.cookie = cookies.filter(c => c.name === 'itf_dashboard').map(c => ({ httpOnly: c.httpOnly, sameSite: c.sameSite, path: c.path }));
    // a marker that a reload would wipe: updates must arrive without one
    await page.evaluate(() => { window.__itfNoReload = true; });
    out.consoleErrors.length = 0;  // the refused token's 401 above is expected
    if (shots) { await page.screenshot({ path: shots + '/dashboard-runs-before.png', fullPage: true }); }
    console.log('SIGNED_IN');

    const key = 'team/' + runName;
    const selector = `#runs tbody tr[data-key="${key}"]`;
    await page.waitForSelector(selector, { timeout: 180000 });
    const deadline = Date.now() + 240000;
    let last = null;
    while (Date.now() < deadline) {
      const phase = await page.locator(selector).getAttribute('data-phase');
      if (phase !== last) {
        out.phases.push(phase);
        console.log('PHASE ' + phase);
        last = phase;
      }
      if (FINAL.includes(phase)) { break; }
      await page.waitForTimeout(100);
    }
    out.reloaded = !(await page.evaluate(() => window.__itfNoReload === true));
    out.row = await page.locator(selector).innerText();
    out.keys = await page.$$eval('#runs tbody tr', rows => rows.map(r => r.getAttribute('data-key')));
    if (shots) { await page.screenshot({ path: shots + '/dashboard-runs.png', fullPage: true }); }

    // the run's page: counts, failures with their step log, cases, downloads
    await page.click(selector + ' td.name a');
    await page.waitForSelector('#run', { timeout: 60000 });
    out.runPhase = await page.locator('#phase').innerText();
    out.total = await page.locator('#total').innerText();
    out.cases = await page.locator('table.cases tbody tr').count();
    out.failures = await page.locator('details.failure').count();
    if (out.failures > 0) {
      await page.locator('details.failure summary').first().click();
      out.failureText = await page.locator('details.failure').first().innerText();
    }
    out.downloads = {};
    for (const a of await page.locator('a.download').all()) {
      const format = await a.getAttribute('data-format');
      const resp = await context.request.get(base + await a.getAttribute('href'));
      const body = await resp.body();
      out.downloads[format] = { status: resp.status(), type: resp.headers()['content-type'], bytes: body.length,
        disposition: resp.headers()['content-disposition'] || '' };
      if (format === 'html') { out.htmlReport = body.toString('utf8'); }
    }
    if (shots) { await page.screenshot({ path: shots + '/dashboard-run.png', fullPage: true }); }

    // open the HTML report as a person would after downloading it
    const report = await context.newPage();
    await report.setContent(out.htmlReport, { waitUntil: 'load' });
    out.reportVerdict = (await report.locator('#verdict').innerText()).trim();
    out.reportTotal = (await report.locator('#count-total .n').innerText()).trim();
    delete out.htmlReport;

    // the suite page
    await page.click('.facts a');
    await page.waitForSelector('#trends', { timeout: 60000 });
    out.suiteHeading = await page.locator('h1').innerText();
    out.suiteRuns = await page.locator('#suite-runs tbody tr').count();

    // signing out ends the session: the next page is the sign-in page again
    await page.goto(base + '/dashboard', { waitUntil: 'load' });
    await Promise.all([page.waitForURL(u => new URL(u).pathname === '/dashboard/sign-in', { timeout: 60000 }), page.click('#sign-out')]);
    const after = await context.request.get(base + '/dashboard/api/runs');
    out.afterSignOut = after.status();
    out.offSite = requests.filter(u => !u.startsWith(base)).length;
    out.tokenInUrl = requests.filter(u => u.includes(good)).length;
  } catch (e) {
    out.error = String(e && e.stack || e);
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(out));
})();
