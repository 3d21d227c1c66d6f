// Opens a local HTML file in headless Chromium and saves a full-page screenshot. Usage: node screenshot.cjs FILE.html OUT.png
const { chromium } = require('playwright-core');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
    await page.goto('file://' + require('path').resolve(process.argv[2]), { waitUntil: 'load' });
    await page.screenshot({ path: process.argv[3], fullPage: true });
    console.log('saved ' + process.argv[3]);
  } finally {
    await browser.close();
  }
})();
