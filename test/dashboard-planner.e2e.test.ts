import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay, quickRange } from '../dashboard/src/views/planner/report-range.ts';
import {
  chromiumPart,
  type DashboardStack,
  SCREENSHOTS,
  seriousViolations,
  startDashboardStack,
  VIEWPORTS,
} from './dashboard-stack.ts';
import { waitFor } from './wait-for.ts';

// The planner's reports in Debian's Chromium against `prossima start` with five days of simulated
// history: every chart has data, the range lives in the address, tables and CSV agree, both languages.

const REPORTS = ['occupancy', 'capacity', 'heatmap', 'zones', 'entries', 'desks'];

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(
    (count) => {
      const cards = [...document.querySelectorAll('[data-report]')];
      return cards.length === count && cards.every((c) => c.getAttribute('data-state') === 'ready');
    },
    REPORTS.length,
    { timeout: 20_000 },
  );
}

/** Rows of a card's table alternative, as the cells' text. */
function tableRows(page: Page, report: string): Promise<string[][]> {
  return page.$$eval(`[data-report="${report}"] .report-table tbody tr`, (rows) =>
    rows.map((row) => [...row.children].map((cell) => cell.textContent ?? '')),
  );
}

describe.skipIf(!chromiumPart.found)('planner view in a real browser', () => {
  let stack: DashboardStack;
  let token: string;

  beforeAll(async () => {
    // Five days hold at least three weekdays whatever day the test runs (the demo is closed on Sundays).
    stack = await startDashboardStack({ backfillDays: 5 });
    token = stack.token('planner');
    // The backfill is sent alongside the live devices: wait until ingest has derived its days.
    const today = localDay(Date.now(), 'Europe/Rome');
    const { from, to } = quickRange('last4w', today);
    await waitFor(
      async () => {
        const body = (await fetch(`${stack.http}/api/sites/demo/reports/heatmap?from=${from}&to=${to}`, {
          headers: { authorization: `Bearer ${token}` },
        })
          .then((answer) => answer.json())
          .catch(() => ({}))) as { rows?: Array<{ minutes: number }> };
        // Two open days derived in full (the demo is closed on Sundays):
        // over 20 weekday-hours with counted minutes, as the heatmap check below expects.
        if ((body.rows?.filter((row) => row.minutes > 0).length ?? 0) > 20) return true;
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return false;
      },
      'two open days of derived history',
      90_000,
    );
  }, 150_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('draws every report with data, the capacity answered in words', async () => {
    const page = await stack.newPage({ token });
    await page.goto(`${stack.http}/#/planner`);
    await ready(page);
    expect(await page.locator('h1').textContent()).toBe('Usage reports');
    for (const report of ['occupancy', 'capacity', 'zones', 'entries', 'desks']) {
      // The canvas has something drawn on it, and the table has the same rows.
      const inked = await page.$eval(`[data-report="${report}"] canvas`, (canvas) => {
        const c = canvas as HTMLCanvasElement;
        const pixels = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
        let count = 0;
        for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) count++;
        return count;
      });
      expect(inked, report).toBeGreaterThan(500);
      expect((await tableRows(page, report)).length, report).toBeGreaterThan(0);
    }
    expect(await page.locator('.heatmap td.heat').count()).toBeGreaterThan(20);
    expect(await page.getByTestId('capacity-answer').textContent()).toMatch(
      /^On (95% of the \d+ days the peak was at most|the only day)/,
    );
    // Every one of the demo's 40 desks is ranked, never-used ones included.
    expect(await tableRows(page, 'desks')).toHaveLength(40);
    await page.close();
  }, 60_000);

  it('follows the range and resolution, and keeps them in the address', async () => {
    const page = await stack.newPage({ token });
    await page.goto(`${stack.http}/#/planner`);
    await ready(page);
    const byDay = await tableRows(page, 'occupancy');
    await page.selectOption('#planner-resolution', 'hour');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-report="occupancy"] tbody tr').length > n,
      byDay.length,
    );
    await ready(page);
    expect(page.url()).toContain('resolution=hour');
    const byHour = await tableRows(page, 'occupancy');
    expect(byHour.length).toBeGreaterThan(byDay.length * 5);
    expect(byHour[0]?.[0]).toMatch(/\d{2}:00$/);

    await page.selectOption('#planner-scope', 'zone:quiet');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-report="zones"] tbody tr').length === 1,
    );
    // Each card loads on its own: the desk ranking may still show the whole site's rows.
    await ready(page);
    expect(page.url()).toContain('scope=zone');
    expect(page.url()).toContain('id=quiet');
    expect(await tableRows(page, 'desks')).toHaveLength(6);

    // A link with the same address reopens the same report.
    const again = await stack.newPage({ token });
    await again.goto(page.url());
    await ready(again);
    expect(await again.inputValue('#planner-resolution')).toBe('hour');
    expect(await again.inputValue('#planner-scope')).toBe('zone:quiet');
    expect(await again.getByTestId('report-summary').textContent()).toContain('Stanza silenziosa');

    // A range too long for hourly rows is explained, not sent.
    await again.fill('#planner-from', '2026-01-01');
    await again.dispatchEvent('#planner-from', 'change');
    expect(await again.locator('#planner-problem').textContent()).toMatch(/at most 31 days/);
    await page.close();
    await again.close();
  }, 90_000);

  it('downloads each chart’s rows as the same CSV the table shows', async () => {
    const page = await stack.newPage({ token });
    await page.goto(`${stack.http}/#/planner?resolution=day`);
    await ready(page);
    for (const report of ['occupancy', 'entries', 'desks']) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click(`[data-report="${report}"] button[aria-label*="CSV"]`),
      ]);
      expect(download.suggestedFilename()).toMatch(
        new RegExp(`^demo-${report}-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
      );
      const text = await readFile((await download.path()) ?? '', 'utf8');
      const [header, ...lines] = text.trim().split(/\r\n/);
      const rows = await tableRows(page, report);
      expect(lines.length, report).toBe(rows.length);
      if (report === 'occupancy') {
        expect(header?.split(',')).toEqual(
          expect.arrayContaining(['start', 'label', 'avgOccupied', 'peakOccupied']),
        );
        // The table shows the CSV's numbers, rounded to one decimal.
        const columns = header?.split(',') ?? [];
        const peak = Number(lines[0]?.split(',')[columns.indexOf('peakOccupied')]);
        expect(rows[0]?.[2]).toBe(new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(peak));
      }
      if (report === 'desks') expect(header?.startsWith('desk,label,zone,floor')).toBe(true);
    }
    await page.close();
  }, 60_000);

  it('works from the keyboard: a quick range, then the table alternative', async () => {
    const page = await stack.newPage({ token });
    await page.goto(`${stack.http}/#/planner`);
    await ready(page);
    // Back from the resolution over the quick picks (Tab inside a date input walks its fields).
    await page.focus('#planner-resolution');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Last 7 days/);
    await page.keyboard.press('Enter');
    const week = quickRange('last7', localDay(Date.now(), 'Europe/Rome'));
    await waitFor(() => page.url().includes(`from=${week.from}`), 'the address to hold the new range');
    expect(await page.getAttribute('[data-pick="last7"]', 'aria-pressed')).toBe('true');
    await ready(page);
    // On through the other picks, the resolution and the area to the first report's table toggle.
    for (let i = 0; i < 12; i++) {
      const label = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (label === 'Show table') break;
      await page.keyboard.press('Tab');
    }
    const toggle = page.locator('[data-report="occupancy"] button[aria-expanded]');
    await expect.poll(() => toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('[data-report="occupancy"] .report-table').isVisible()).toBe(true);
    const outline = await toggle.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await page.close();
  }, 60_000);

  it('speaks Italian, weekdays and numbers included', async () => {
    const page = await stack.newPage({ token, lang: 'it' });
    await page.goto(`${stack.http}/#/planner`);
    await ready(page);
    expect(await page.locator('h1').textContent()).toBe('Report di utilizzo');
    expect(await page.locator('.heatmap thead th').allTextContents()).toEqual(
      expect.arrayContaining(['lun', 'mar', 'dom']),
    );
    expect(await page.getByTestId('capacity-answer').textContent()).toMatch(
      /^N(el 95% dei \d+ giorni|ell’unico giorno)/,
    );
    expect(await page.locator('[data-report="desks"] thead th').allTextContents()).toContain('Postazione');
    await page.close();
  }, 60_000);

  it('tells a viewer without a planner token where to enter one', async () => {
    const page = await stack.newPage();
    await page.goto(`${stack.http}/#/planner`);
    const message = page.getByTestId('planner-role');
    await message.waitFor();
    expect(await message.textContent()).toMatch(/Token/);
    // Its button opens the shell's token dialog, with the focus in the token field.
    await message.getByRole('button', { name: 'Enter a token' }).click();
    await page.locator('dialog[open] #token-input:focus').waitFor();
    await page.close();
  }, 60_000);

  for (const lang of ['en', 'it'] as const) {
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      it(`is screenshot on a ${size} in ${lang}${size === 'desktop' ? ', axe-clean' : ''}`, async () => {
        // Its own context: axe-core is injected, which the page's CSP rightly forbids otherwise.
        const context = await stack.browser.newContext({
          viewport,
          locale: lang === 'it' ? 'it-IT' : 'en-GB',
          bypassCSP: true,
        });
        await context.addInitScript((t) => localStorage.setItem('prossima-token', t), token);
        const page = await context.newPage();
        await page.goto(`${stack.http}/#/planner`);
        await ready(page);
        await page.screenshot({ path: join(SCREENSHOTS, `planner-${size}-${lang}.png`), fullPage: true });
        if (size === 'desktop') {
          await page.click('[data-report="occupancy"] button[aria-expanded]');
          expect(await seriousViolations(page)).toEqual([]);
        }
        if (size === 'desktop' && lang === 'en') {
          // A4 at 96 dpi, printed: no controls, tables on the paper.
          await page.setViewportSize({ width: 794, height: 1123 });
          await page.emulateMedia({ media: 'print' });
          await page.waitForTimeout(300);
          expect(await page.locator('.planner-controls').isVisible()).toBe(false);
          expect(await page.locator('[data-report="entries"] .report-table').isVisible()).toBe(true);
          await page.screenshot({ path: join(SCREENSHOTS, 'planner-print-en.png'), fullPage: true });
        }
        await context.close();
      }, 90_000);
    }
  }
});
