import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskStateTopic } from '../protocol/index.ts';
import { type CliProcess, runCli } from './cli-process.ts';
import {
  chromiumPart,
  type DashboardStack,
  SCREENSHOTS,
  seriousViolations,
  startDashboardStack,
  VIEWPORTS,
} from './dashboard-stack.ts';

// The member's views in a real browser against `prossima start`: "Find a free desk" (#/find) and the
// entrance screen (#/kiosk). A gateway device allowed every desk of the demo site plays a real sensor.

type FreeDesksAnswer = {
  zones: Array<{ id: string; name: string; free: number; desks: Array<{ id: string }> }>;
};
type LiveAnswer = { desks: Array<{ id: string; state: string }>; zones: Array<{ id: string; free: number }> };

const KIOSK_VIEWPORTS = {
  landscape: { width: 1920, height: 1080 },
  portrait: { width: 1080, height: 1920 },
} as const;

/** "free for 2 h 5 min" / "libera da 25 min" / "… less than a minute" → minutes, as a member reads them. */
function minutesShown(text: string): number {
  if (/day|giorn/.test(text)) return 1440 * Number(/(\d+)/.exec(text)?.[1] ?? 1);
  const hours = Number(/(\d+) h/.exec(text)?.[1] ?? 0);
  const minutes = Number(/(\d+) min/.exec(text)?.[1] ?? 0);
  return hours * 60 + minutes;
}

describe.skipIf(!chromiumPart.found)('member views in a real browser', () => {
  let stack: DashboardStack;
  let sensor: MqttClient;
  let restarted: CliProcess | undefined;

  const api = async <T>(path: string): Promise<T> =>
    (await fetch(`${stack.http}${path}`)).json() as Promise<T>;
  const occupy = (desk: string) =>
    sensor.publishAsync(deskStateTopic('demo', desk), JSON.stringify({ occupied: true, ts: Date.now() }), {
      qos: 1,
      retain: true,
    });
  const openFind = async (page: Page, hash = '#/find') => {
    await page.goto(`${stack.http}/${hash}`);
    await page.locator('[data-testid=free-desk]').first().waitFor({ timeout: 15_000 });
  };

  beforeAll(async () => {
    stack = await startDashboardStack();
    sensor = await stack.connectSensor({ role: 'device', id: 'test-gateway', site: 'demo', all: true });
  }, 120_000);

  afterAll(async () => {
    await sensor?.endAsync();
    await restarted?.stop();
    await stack?.close();
  });

  it('narrows the list to a zone, keeps it in the address, and a reload opens it filtered', async () => {
    const answer = await api<FreeDesksAnswer>('/api/sites/demo/free-desks');
    const zone = [...answer.zones].sort((a, b) => b.free - a.free)[0];
    if (!zone) throw new Error('no zones');
    const page = await stack.newPage();
    await openFind(page);
    const all = await page.locator('[data-testid=free-desk]').count();
    await page.selectOption('#find-zone', zone.id);
    await expect.poll(() => page.url()).toContain(`zone=${zone.id}`);
    const inZone = async () => {
      const where = await page.locator('.find-row-where').allTextContents();
      const empty = await page.getByTestId('find-empty').isVisible();
      return empty || (where.length > 0 && where.every((w) => w.startsWith(zone.name)));
    };
    await expect.poll(inZone).toBe(true);
    expect(await page.locator('[data-testid=free-desk]').count()).toBeLessThanOrEqual(all);
    await page.reload();
    await page.locator('#find-zone').waitFor();
    await expect.poll(() => page.locator('#find-zone').inputValue()).toBe(zone.id);
    await expect.poll(inZone, { timeout: 15_000 }).toBe(true);
    await page.close();
  }, 60_000);

  it('drops a desk from the list within seconds of its sensor reporting it occupied', async () => {
    const page = await stack.newPage();
    await openFind(page);
    const desk = await page.locator('.find-list > li').first().getAttribute('data-desk');
    if (!desk) throw new Error('no desk listed');
    await page.evaluate(() => {
      (window as unknown as { marker: boolean }).marker = true;
    });
    const published = Date.now();
    await occupy(desk);
    await page.locator(`.find-list > li[data-desk="${desk}"]`).waitFor({ state: 'detached', timeout: 5000 });
    const latency = Date.now() - published;
    expect(latency).toBeLessThan(5000);
    expect(await page.locator(`.find-map [data-desk="${desk}"]`).getAttribute('data-free')).toBeNull();
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
    await page.close();
  }, 30_000);

  it('works with the keyboard alone: filter, then one tab stop into the list, arrows, Enter', async () => {
    const page = await stack.newPage();
    await openFind(page);
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return {
          id: el?.id ?? '',
          desk: el?.closest('li')?.dataset.desk ?? '',
          visible: el?.matches(':focus-visible'),
        };
      });
    for (let i = 0; i < 40 && (await focused()).id !== 'find-zone'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ id: 'find-zone', visible: true });
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.url()).toMatch(/zone=/);
    const zone = await page.locator('#find-zone').inputValue();
    if ((await page.locator('[data-testid=free-desk]').count()) < 2) {
      // That zone has fewer than two free desks: back to all zones, with the keyboard too.
      await page.keyboard.press('ArrowUp');
      await expect.poll(() => page.url()).not.toContain(`zone=${zone}`);
    }
    await page.keyboard.press('Tab');
    const first = await focused();
    const rows = await page
      .locator('.find-list > li')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-desk')));
    expect(first.desk).toBe(rows[0]);
    expect(first.visible).toBe(true);
    await page.keyboard.press('ArrowDown');
    const second = await focused();
    expect(second.desk).toBe(rows[1]);
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page.locator(`.find-list > li[data-desk="${second.desk}"] button`).getAttribute('aria-pressed'),
      )
      .toBe('true');
    expect(await page.locator(`.find-map [data-desk="${second.desk}"]`).getAttribute('data-chosen')).toBe('');
    await page.screenshot({ path: join(SCREENSHOTS, 'find-keyboard-desktop-en.png') });
    // The whole list is one tab stop: Tab leaves it.
    await page.keyboard.press('Tab');
    expect((await focused()).desk).toBe('');
    await page.close();
  }, 60_000);

  it('has no serious or critical accessibility violations on the find view (axe-core)', async () => {
    const page = await stack.browser.newPage({ bypassCSP: true, viewport: VIEWPORTS.phone });
    await openFind(page);
    await page.locator('[data-testid=free-desk]').first().click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  }, 60_000);

  for (const [shape, viewport] of Object.entries(KIOSK_VIEWPORTS)) {
    it(`shows the entrance screen's numbers, no controls, on a ${shape} screen`, async () => {
      const lang = shape === 'portrait' ? 'it' : 'en';
      const page = await stack.newPage({ viewport });
      await page.goto(`${stack.http}/#/kiosk?lang=${lang}`);
      await expect
        .poll(() => page.getByTestId('kiosk-free').textContent(), { timeout: 15_000 })
        .toMatch(/^\d+$/);
      expect(await page.getByTestId('kiosk-people').textContent()).toMatch(/^\d+$/);
      expect(await page.getByTestId('kiosk-zone-free').allTextContents()).toHaveLength(4);
      expect(await page.getByTestId('kiosk-clock').textContent()).toMatch(/^\d\d:\d\d$/);
      expect(await page.locator('h1').textContent()).toBe('Coworking di Borgo (demo)');
      expect(await page.locator('h2').first().textContent()).toBe(
        lang === 'it' ? 'Postazioni libere ora' : 'Free desks now',
      );
      expect(await page.locator('#app a, #app button, #app input, #app select, #app textarea').count()).toBe(
        0,
      );
      // Everything fits on the screen: no scrolling on an entrance display.
      const overflow = await page.evaluate(() => {
        const main = document.querySelector('.kiosk') as HTMLElement;
        return main.scrollHeight - main.clientHeight;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({
        path: join(SCREENSHOTS, `kiosk-${viewport.width}x${viewport.height}-${lang}.png`),
      });
      await page.close();
    }, 60_000);
  }

  it('updates the entrance screen on a sensor change, without reloading', async () => {
    const page = await stack.newPage({ viewport: KIOSK_VIEWPORTS.landscape });
    await page.goto(`${stack.http}/#/kiosk`);
    await expect
      .poll(() => page.getByTestId('kiosk-free').textContent(), { timeout: 15_000 })
      .toMatch(/^\d+$/);
    await page.evaluate(() => {
      (window as unknown as { marker: boolean }).marker = true;
    });
    const answer = await api<FreeDesksAnswer>('/api/sites/demo/free-desks');
    const zone = answer.zones.find((z) => z.desks.length > 0);
    const desk = zone?.desks[0]?.id;
    if (!zone || !desk) throw new Error('no free desk to take');
    await occupy(desk);
    // The simulator keeps moving other desks, so the screen is checked against the API's own count.
    const card = page.locator(`.kiosk-zone[data-zone="${zone.id}"] [data-testid=kiosk-zone-free]`);
    await expect
      .poll(
        async () => {
          const live = await api<LiveAnswer>('/api/sites/demo/live');
          const taken = live.desks.find((d) => d.id === desk)?.state === 'occupied';
          const expected = live.zones.find((z) => z.id === zone.id)?.free;
          return taken && (await card.textContent()) === String(expected);
        },
        { timeout: 5000, interval: 200 },
      )
      .toBe(true);
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
    await page.close();
  }, 30_000);

  it('has no serious or critical accessibility violations on the entrance screen (axe-core)', async () => {
    const page = await stack.browser.newPage({ bypassCSP: true, viewport: KIOSK_VIEWPORTS.landscape });
    await page.goto(`${stack.http}/#/kiosk`);
    await expect
      .poll(() => page.getByTestId('kiosk-free').textContent(), { timeout: 15_000 })
      .toMatch(/^\d+$/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  }, 60_000);

  // After the others: by now desks have been free for different times, so the order means something.
  for (const lang of ['en', 'it'] as const) {
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      it(`lists the free desks, the longest free first, on a ${size} in ${lang}`, async () => {
        const page = await stack.newPage({ viewport, lang });
        await openFind(page);
        await expect
          .poll(() => page.locator('h1').textContent())
          .toBe(lang === 'it' ? 'Trova una postazione libera' : 'Find a free desk');
        const shown = await page.locator('.find-row-free').allTextContents();
        expect(shown.length).toBeGreaterThan(0);
        for (const text of shown) expect(text).toMatch(lang === 'it' ? /^libera/ : /^free/);
        const minutes = shown.map(minutesShown);
        expect(minutes, shown.join(' | ')).toEqual([...minutes].sort((a, b) => b - a));
        const first = await page.locator('[data-testid=free-desk]').first().textContent();
        expect(first).toMatch(lang === 'it' ? /Postazione \S+/ : /Desk \S+/);
        // The map marks as many free desks as the list shows.
        const marked = await page.locator('.find-map-figure:not([hidden]) [data-free]').count();
        expect(marked).toBe(await page.locator('[data-testid=free-desk]').count());
        await page.screenshot({ path: join(SCREENSHOTS, `find-${size}-${lang}.png`), fullPage: true });
        await page.close();
      }, 60_000);
    }
  }

  // Last: it replaces the server the other tests use.
  it('keeps its numbers through a server restart and goes live again by itself', async () => {
    const page = await stack.newPage({ viewport: KIOSK_VIEWPORTS.landscape });
    await page.goto(`${stack.http}/#/kiosk`);
    await expect
      .poll(() => page.locator('.kiosk').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('live');
    await expect.poll(() => page.getByTestId('kiosk-free').textContent()).toMatch(/^\d+$/);
    await page.evaluate(() => {
      (window as unknown as { marker: boolean }).marker = true;
    });
    await sensor.endAsync();
    await stack.cli.stop();
    await expect
      .poll(() => page.locator('.kiosk').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('reconnecting');
    expect(await page.getByTestId('kiosk-status').textContent()).toMatch(
      /^Reconnecting… numbers from \d\d:\d\d$/,
    );
    expect(await page.getByTestId('kiosk-free').textContent()).toMatch(/^\d+$/);
    expect(await page.getByTestId('kiosk-zone-free').allTextContents()).toHaveLength(4);
    await page.screenshot({ path: join(SCREENSHOTS, 'kiosk-1920x1080-reconnecting.png') });

    const port = new URL(stack.http).port;
    restarted = runCli([
      'start',
      '--http-port',
      port,
      '--mqtt-port',
      '0',
      '--data-dir',
      stack.dataDir,
      '--sim-seed',
      '11',
      '--sim-backfill-days',
      '0',
    ]);
    await restarted.read(/Dashboard\s+(http:\/\/\S+)\//, 60_000);
    await expect
      .poll(() => page.locator('.kiosk').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('live');
    expect(await page.getByTestId('kiosk-status').textContent()).toBe('');
    expect(await page.getByTestId('kiosk-free').textContent()).toMatch(/^\d+$/);
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
    await page.close();
  }, 120_000);
});
