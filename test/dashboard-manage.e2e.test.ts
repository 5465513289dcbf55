import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceStatusTopic } from '../protocol/index.ts';
import {
  chromiumPart,
  type DashboardStack,
  SCREENSHOTS,
  seriousViolations,
  startDashboardStack,
  VIEWPORTS,
} from './dashboard-stack.ts';

// The manager's operations page (#/manage) against `prossima start` with the simulator: capacity,
// live alerts, sensor health and the door count's calibration, in a real Chromium.

const sensorRows = '[data-device]';

async function openManage(stack: DashboardStack, page: Page): Promise<void> {
  await page.goto(`${stack.http}/#/manage`);
  await page.waitForFunction((selector) => document.querySelectorAll(selector).length >= 42, sensorRows, {
    timeout: 20_000,
  });
}

/** Batteries of the online rows in the order shown (offline rows always lead, whatever the sort). */
const onlineBatteries = (page: Page) =>
  page.$$eval('[data-device][data-online="true"] [data-battery]', (cells) =>
    cells
      .map((cell) => cell.getAttribute('data-battery'))
      .filter((b) => b !== '')
      .map(Number),
  );

describe.skipIf(!chromiumPart.found)(
  'the manager’s operations page in a real browser',
  { timeout: 60_000 },
  () => {
    let stack: DashboardStack;
    let manager: string;
    let sensor: MqttClient | undefined;

    beforeAll(async () => {
      stack = await startDashboardStack();
      manager = stack.token('manager');
    }, 90_000);
    afterAll(async () => {
      await sensor?.endAsync();
      await stack?.close();
    });

    it('tells a visitor without a token that the page is for managers, and where to enter one', async () => {
      const page = await stack.newPage();
      await page.goto(`${stack.http}/#/manage`);
      const message = page.getByTestId('manage-role');
      await expect(message.locator('h1').textContent()).resolves.toBe('This page is for managers');
      expect(await message.textContent()).toContain('“Token” button');
      await message.getByRole('button', { name: 'Enter a token' }).click();
      await page.getByRole('dialog').waitFor();
      await page.close();
    });

    it('lists the simulator’s sensors, sorts them by battery and keeps only the problems', async () => {
      const page = await stack.newPage({ token: manager });
      await openManage(stack, page);
      expect(await page.locator('h1').textContent()).toBe('Operations');
      expect(await page.locator('[data-device="ds-a-01"]').textContent()).toContain('Desk A1');
      expect(await page.locator('[data-device="dc-main"]').textContent()).toContain('Door Ingresso');
      expect(await page.getByTestId('sensors-summary').textContent()).toMatch(/4\d devices/);

      await page.getByRole('button', { name: 'Battery' }).click();
      const up = await onlineBatteries(page);
      expect(up.length).toBeGreaterThan(30);
      expect(up).toEqual([...up].sort((a, b) => a - b));
      expect(page.url()).toContain('sort=battery');
      await page.getByRole('button', { name: 'Battery' }).click();
      const down = await onlineBatteries(page);
      expect(down).toEqual([...up].sort((a, b) => b - a));
      expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('Battery');

      const all = await page.locator(sensorRows).count();
      await page.getByLabel('Only problems').check();
      const problems = await page.locator(sensorRows).count();
      expect(problems).toBeLessThan(all);
      // The simulator's fleet is healthy: the filter says so rather than leaving an empty table.
      if (problems === 0)
        expect(await page.getByText('Every sensor is online with a healthy battery.').isVisible()).toBe(true);
      expect(await page.locator('[data-device]:not([data-problem])').count()).toBe(0);
      await expect.poll(() => page.url()).toContain('problems=1');
      await page.close();
    });

    it('shows an alert the moment it is raised, and announces it', async () => {
      const page = await stack.newPage({ token: manager });
      await openManage(stack, page);
      await page.locator('[data-testid=connection][data-status=live]').waitFor();
      // A real device, registered while the server runs: its low battery raises an alert at once.
      sensor = await stack.connectSensor({ role: 'device', id: 'test-a-03', site: 'demo', desks: ['a-03'] });
      const published = Date.now();
      await sensor.publishAsync(
        deviceStatusTopic('demo', 'test-a-03'),
        JSON.stringify({ online: true, battery: 9, rssi: -70, fw: '9.9.9', ts: published }),
        { qos: 1, retain: true },
      );
      const alert = page.locator('[data-alert-type="battery-low"]', { hasText: 'test-a-03' });
      await alert.waitFor({ timeout: 5000 });
      expect(Date.now() - published).toBeLessThan(5000);
      expect(await alert.textContent()).toContain('Device test-a-03: battery at 9%.');
      expect(await page.locator('.manage-alert').first().getAttribute('data-alert-type')).toBe('battery-low');
      expect(await page.getByRole('status').filter({ hasText: 'New alert' }).textContent()).toContain(
        'test-a-03',
      );

      // The next read of sensor health shows it low, by word as well as colour, among the problems.
      await page.getByRole('button', { name: 'Refresh' }).click();
      const row = page.locator('[data-device="test-a-03"]');
      await row.waitFor();
      expect(await row.textContent()).toContain('9% · Low');
      expect(await row.getAttribute('data-problem')).toBe('');
      await page.getByLabel('Only problems').check();
      expect(await page.locator('[data-device]').allTextContents()).toEqual([
        expect.stringContaining('test-a-03'),
      ]);

      // Gone (its last will, as the broker would send it): offline, and listed before everything else.
      await page.getByLabel('Only problems').uncheck();
      await sensor.publishAsync(deviceStatusTopic('demo', 'test-a-03'), JSON.stringify({ online: false }), {
        qos: 1,
        retain: true,
      });
      await expect
        .poll(async () => {
          await page.getByRole('button', { name: 'Refresh' }).click();
          return page.locator('[data-device]').first().getAttribute('data-device');
        })
        .toBe('test-a-03');
      expect(await page.locator('[data-device]').first().textContent()).toContain('Offline');
      expect(await page.getByTestId('sensors-summary').textContent()).toContain('1 offline');
      await page.close();
    });

    it('sets the headcount, lists the calibration, and shows why a bad count is refused', async () => {
      const page = await stack.newPage({ token: manager });
      await openManage(stack, page);
      await page.getByLabel('Number of people').fill('12');
      await page.getByLabel('Note (optional)').fill('walk-round');
      await page.getByRole('button', { name: 'Set count' }).click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid=door-headcount]')?.textContent === '12',
      );
      // The live headcount can arrive (over the event stream) before the POST's answer says so.
      await page.waitForFunction(
        () => document.querySelector('[data-testid=calibration-message]')?.textContent !== 'Saving…',
      );
      expect(await page.getByTestId('calibration-message').textContent()).toBe('Headcount set to 12.');
      const newest = page.getByTestId('calibrations').locator('tbody tr').first();
      await newest.waitFor();
      expect(await newest.textContent()).toContain('walk-round');
      expect(await newest.locator('[data-count]').textContent()).toBe('12');
      expect(await page.getByTestId('calibration-state').textContent()).toMatch(/^Set to 12 at \d\d:\d\d/);

      await page.getByLabel('Number of people').fill('-3');
      await page.getByRole('button', { name: 'Set count' }).click();
      const message = page.locator('[data-testid=calibration-message][data-error]');
      await message.waitFor();
      expect(await message.textContent()).toMatch(/^Not saved: count: /);
      expect(await page.getByLabel('Number of people').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('door-headcount').textContent()).toBe('12');
      await page.close();
    });

    it('works with the keyboard alone: filter, sort and set the count', async () => {
      const page = await stack.newPage({ token: manager });
      await openManage(stack, page);
      const tabTo = async (selector: string) => {
        for (let i = 0; i < 60; i++) {
          await page.keyboard.press('Tab');
          if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
        }
        throw new Error(`Tab never reached ${selector}`);
      };
      await tabTo('#manage-only-problems');
      await page.keyboard.press('Space');
      await expect.poll(() => page.url()).toContain('problems=1');
      expect(await page.locator('#manage-only-problems').isChecked()).toBe(true);
      await page.keyboard.press('Space');
      await expect.poll(() => page.url()).not.toContain('problems=1');
      await tabTo('button[data-sort="lastSeen"]');
      await page.keyboard.press('Enter');
      expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('Last heard');
      // Focus shows: the browser draws the outline for keyboard focus.
      const outline = await page.evaluate(
        () => getComputedStyle(document.activeElement as Element).outlineStyle,
      );
      expect(outline).toBe('solid');
      await tabTo('#manage-count');
      await page.keyboard.type('7');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () => document.querySelector('[data-testid=door-headcount]')?.textContent === '7',
      );
      await page.close();
    });

    it('speaks Italian, in the site’s time zone', async () => {
      const page = await stack.newPage({ token: manager, lang: 'it' });
      await openManage(stack, page);
      expect(await page.locator('h1').textContent()).toBe('Gestione');
      expect(await page.getByRole('button', { name: 'Batteria' }).count()).toBe(1);
      expect(await page.locator('[data-device="ds-a-01"]').textContent()).toContain('Postazione A1');
      expect(await page.getByTestId('sensors-summary').textContent()).toMatch(/dispositivi/);
      expect(await page.getByTestId('calibration-state').textContent()).toMatch(
        /^Impostato a 7 alle \d\d:\d\d/,
      );
      // The calibration's time as the API recorded it, in Rome's time (the browser runs in UTC).
      const response = await fetch(`${stack.http}/api/sites/demo/calibrations`, {
        headers: { authorization: `Bearer ${manager}` },
      });
      const { calibrations } = (await response.json()) as { calibrations: Array<{ at: number }> };
      const at = calibrations.at(-1)?.at ?? 0;
      const rome = new Intl.DateTimeFormat('it-IT', {
        timeZone: 'Europe/Rome',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      expect(await page.getByTestId('calibrations').locator('tbody tr time').first().textContent()).toBe(
        rome.format(at),
      );
      await page.close();
    });

    it('has no serious or critical accessibility violations (axe-core)', async () => {
      for (const token of [manager, undefined]) {
        const context = await stack.browser.newContext({ bypassCSP: true, viewport: VIEWPORTS.desktop });
        if (token) await context.addInitScript((t) => localStorage.setItem('prossima-token', t), token);
        const page = await context.newPage();
        if (token) await openManage(stack, page);
        else {
          await page.goto(`${stack.http}/#/manage`);
          await page.getByTestId('manage-role').waitFor();
        }
        expect(await seriousViolations(page)).toEqual([]);
        await context.close();
      }
    });

    it('takes screenshots at phone and desktop sizes in English and Italian', {
      timeout: 120_000,
    }, async () => {
      for (const lang of ['en', 'it'] as const) {
        // One load per language (the machine is shared): the same page is resized for each size.
        const page = await stack.newPage({ token: manager, lang });
        await openManage(stack, page);
        await page.locator('.manage-alerts-panel[data-state=ready]').waitFor();
        for (const [size, viewport] of Object.entries(VIEWPORTS)) {
          await page.setViewportSize(viewport);
          await page.screenshot({ path: join(SCREENSHOTS, `manage-${size}-${lang}.png`), fullPage: true });
        }
        await page.close();
      }
    });
  },
);
