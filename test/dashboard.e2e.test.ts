import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskStateTopic } from '../protocol/index.ts';
import {
  chromiumPart,
  type DashboardStack,
  SCREENSHOTS,
  seriousViolations,
  startDashboardStack,
} from './dashboard-stack.ts';

const SHOTS = SCREENSHOTS;

describe.skipIf(!chromiumPart.found)('dashboard in a real browser', () => {
  let stack: DashboardStack;
  let browser: Browser;
  let sensor: MqttClient;
  let http: string;

  beforeAll(async () => {
    // History is cli/sim-history.e2e.test.ts's business; here it would only compete for the CPU.
    stack = await startDashboardStack();
    ({ http, browser } = stack);
    // A real sensor beside the simulated ones: its own id, bound to desk a-03 (anonymous is refused).
    sensor = await stack.connectSensor({ role: 'device', id: 'test-a-03', site: 'demo', desks: ['a-03'] });
  }, 90_000);
  afterAll(async () => {
    await sensor?.endAsync();
    await stack?.close();
  });

  for (const [name, viewport] of [
    ['desktop', { width: 1280, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    it(`draws the live floor map with every desk on a ${name}`, async () => {
      const page = await browser.newPage({ viewport });
      await page.goto(`${http}/`);
      // The simulator has reported every desk, so none is left without data.
      await page.waitForFunction(() => {
        const desks = [...document.querySelectorAll('[data-desk]')];
        return desks.length > 0 && desks.every((d) => d.getAttribute('data-state') !== 'unknown');
      });
      const visible = await page.locator('[data-desk]').count();
      expect(visible).toBeGreaterThanOrEqual(16);
      expect(await page.getByTestId('headcount').textContent()).toMatch(/\d/);
      await page.screenshot({ path: join(SHOTS, `live-map-${name}.png`), fullPage: true });
      await page.close();
    });
  }

  it('shows a desk change published over MQTT within a second, without reloading', async () => {
    const page = await browser.newPage();
    await page.goto(`${http}/`);
    const desk = page.locator('[data-desk="a-03"]');
    await desk.waitFor();
    await page.evaluate(() => {
      (window as unknown as { marker: boolean }).marker = true;
    });
    // Four changes, each timed from publish to the map: the typical one must show within a second.
    // (One slow change on a busy two-core CI box must not fail the run; the median must not be slow.)
    const latencies: number[] = [];
    for (const occupied of [true, false, true, false]) {
      const published = Date.now();
      await sensor.publishAsync(deskStateTopic('demo', 'a-03'), JSON.stringify({ occupied, ts: published }), {
        qos: 1,
        retain: true,
      });
      // A desk just vacated is away (still held) for the grace period, not free.
      const expected = occupied ? 'occupied' : 'away';
      await page.waitForFunction(
        ([id, state]) => document.querySelector(`[data-desk="${id}"]`)?.getAttribute('data-state') === state,
        ['a-03', expected] as const,
        { timeout: 5000 },
      );
      latencies.push(Date.now() - published);
    }
    latencies.sort((a, b) => a - b);
    expect(latencies[1], `publish-to-map latencies ${latencies.join(', ')} ms`).toBeLessThan(1000);
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
    await page.close();
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    // The page's Content-Security-Policy rightly forbids injected scripts; only this audit may.
    const page = await browser.newPage({ bypassCSP: true });
    await page.goto(`${http}/`);
    await page.locator('[data-desk]').first().waitFor();
    const violations = await seriousViolations(page);
    expect(violations).toEqual([]);
    await page.close();
  });
});

describe.skipIf(!chromiumPart.found)('dashboard shell: language, views, token', () => {
  let stack: DashboardStack;
  beforeAll(async () => {
    // Every endpoint behind a token: the entrance screen and a member's phone need one too.
    stack = await startDashboardStack({ args: ['--member-access', 'token'] });
  }, 90_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('asks for a token when the server wants one, checks it, and then opens the map', {
    timeout: 60_000,
  }, async () => {
    // Issued beforehand, as `prossima tokens add` would (the API reads new tokens within a second).
    const member = stack.token('member');
    const page = await stack.newPage();
    await page.goto(`${stack.http}/`);
    await page.getByRole('button', { name: 'Token' }).click();
    const input = page.getByLabel('Token', { exact: true });
    await input.fill('prossima_not-a-real-token');
    await input.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'unknown' }).count()).toBe(1);
    await input.fill(member);
    await input.press('Enter');
    await page.locator('[data-desk]').first().waitFor();
    // The token is kept in this browser: a reload opens the map straight away.
    await page.reload();
    await page.locator('[data-desk]').first().waitFor();
    expect(await page.getByTestId('token-button').textContent()).toMatch(/member/);
    await page.close();
  });

  it('forgets a revoked token it kept, and says so', async () => {
    const page = await stack.newPage({ token: 'prossima_revoked-long-ago' });
    await page.goto(`${stack.http}/`);
    await page.locator('dialog[open]').getByText('This token is unknown or revoked.').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('prossima-token'))).toBeNull();
    await page.close();
  });

  it('switches to Italian without a reload, remembers it, and moves between views by keyboard', {
    timeout: 60_000,
  }, async () => {
    const manager = stack.token('manager');
    // The running API reads a token added by another process within a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const page = await stack.newPage({ token: manager });
    await page.goto(`${stack.http}/`);
    await page.locator('[data-desk]').first().waitFor();
    await page.evaluate(() => {
      (window as unknown as { marker: boolean }).marker = true;
    });
    await page.getByTestId('lang-select').selectOption('it');
    await expect.poll(() => page.locator('h2.stat-label').first().textContent()).toBe('Persone presenti');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('it');
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'live-map-desktop-it.png'), fullPage: true });
    // Keyboard only: the skip link first, then the brand, then the views.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Trova una postazione');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/find');
    await page.reload();
    await expect
      .poll(() => page.locator('nav a[aria-current=page]').textContent())
      .toBe('Trova una postazione');
    await page.close();
  });
});
