import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '../protocol/index.ts';
import {
  chromiumPart,
  type DashboardStack,
  SCREENSHOTS,
  seriousViolations,
  startDashboardStack,
  VIEWPORTS,
} from './dashboard-stack.ts';

// The manager's site editor (#/edit) in a real browser against `prossima start`: desks dragged with the
// mouse and moved with the keys, saved through PUT /api/sites/demo and read back; invalid edits refused.

type Viewport = { width: number; height: number };

/** Where the plan draws a desk (its transform), in plan units. */
async function deskAt(page: Page, id: string): Promise<{ x: number; y: number }> {
  const transform = await page.locator(`.edit-plan [data-desk="${id}"]`).getAttribute('transform');
  const [, x, y] = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(transform ?? '') ?? [];
  return { x: Number(x), y: Number(y) };
}

/** Where plan point (x, y) of the floor shown is on the screen. */
async function screenPoint(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([px, py]) => {
      const plan = [...document.querySelectorAll<SVGSVGElement>('.edit-plan')].find(
        (p) => p.getBoundingClientRect().width > 0,
      );
      const point = new DOMPoint(px, py).matrixTransform(plan?.getScreenCTM() ?? undefined);
      return { x: point.x, y: point.y };
    },
    [x, y],
  );
}

describe.skipIf(!chromiumPart.found)('site editor in a real browser', () => {
  let stack: DashboardStack;
  let manager: string;

  const site = async (): Promise<Site> => {
    const response = await fetch(`${stack.http}/api/sites/demo`, {
      headers: { authorization: `Bearer ${manager}` },
    });
    return (await response.json()) as Site;
  };
  const desk = (model: Site, id: string) =>
    model.floors.flatMap((f) => f.zones.flatMap((z) => z.desks)).find((d) => d.id === id);
  const deskCount = (model: Site) => model.floors.flatMap((f) => f.zones.flatMap((z) => z.desks)).length;

  /** A manager's page; `audit` lifts the page's CSP so axe-core can be injected. */
  const openEditor = async (options: { viewport?: Viewport; lang?: 'en' | 'it'; audit?: boolean } = {}) => {
    const { viewport = VIEWPORTS.desktop, lang = 'en', audit = false } = options;
    const context = await stack.browser.newContext({
      viewport,
      locale: lang === 'it' ? 'it-IT' : 'en-GB',
      bypassCSP: audit,
    });
    await context.addInitScript((token) => localStorage.setItem('prossima-token', token), manager);
    const page = await context.newPage();
    // Closing the page closes its context; at the very end the browser may have gone first.
    page.on('close', () => void context.close().catch(() => {}));
    await page.goto(`${stack.http}/#/edit`);
    await page.locator('.edit-plan [data-desk="a-01"]').waitFor({ timeout: 15_000 });
    return page;
  };

  beforeAll(async () => {
    stack = await startDashboardStack();
    manager = stack.token('manager');
    // `prossima start` and Chromium share two cores with other test runs: give them time.
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('tells a visitor without a manager token to enter one', async () => {
    const page = await stack.newPage();
    await page.goto(`${stack.http}/#/edit`);
    const notice = page.getByTestId('edit-notice');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toMatch(/manager token with the “Token” button/);
    expect(await page.locator('.edit-plan').count()).toBe(0);
    await notice.getByRole('button', { name: 'Enter a token' }).click();
    await page.locator('dialog[open] #token-input:focus').waitFor();
    await page.close();
  });

  it('moves a desk by dragging and another with the arrow keys, then saves both', {
    timeout: 60_000,
  }, async () => {
    // Tall enough that the whole plan is on screen: the mouse does not scroll the page.
    const page = await openEditor({ viewport: { width: 1280, height: 1000 } });
    const status = page.getByTestId('edit-status');
    expect(await status.textContent()).toBe('No unsaved changes');

    // Dragged from its centre to the empty floor between the two zones, a little off the grid.
    expect(await deskAt(page, 'a-01')).toEqual({ x: 80, y: 100 });
    const from = await screenPoint(page, 80, 100);
    const to = await screenPoint(page, 562, 497);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 12 });
    await page.mouse.up();
    const dragged = await deskAt(page, 'a-01');
    expect(dragged).toEqual({ x: 560, y: 500 });
    expect(await page.locator('#edit-desk-x').inputValue()).toBe('560');
    // Past the wall it stops with the whole desk still on the plan.
    await page.mouse.move(to.x, to.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y + 400, { steps: 6 });
    await page.mouse.up();
    expect((await deskAt(page, 'a-01')).y).toBeLessThanOrEqual(600 - 20);
    const low = await deskAt(page, 'a-01');
    const back = await screenPoint(page, low.x, low.y);
    await page.mouse.move(back.x, back.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 6 });
    await page.mouse.up();
    expect(await deskAt(page, 'a-01')).toEqual(dragged);

    // Keyboard only: Tab from a-01 reaches the next desk, arrows move it a grid step, Shift five.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-desk'))).toBe('a-02');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    expect(await deskAt(page, 'a-02')).toEqual({ x: 220, y: 150 });
    expect(await status.textContent()).toBe('Unsaved changes');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('edit-outcome').filter({ hasText: 'Saved at' }).waitFor();
    expect(await status.textContent()).toBe('No unsaved changes');
    const saved = await site();
    expect(desk(saved, 'a-01')).toMatchObject({ ...dragged, sensor: 'ds-a-01' });
    expect(desk(saved, 'a-02')).toMatchObject({ x: 220, y: 150 });

    // The live map, drawn from the model the shell re-reads on the way there, shows the new place.
    await page.goto(`${stack.http}/#/live`);
    await page.locator('[data-desk="a-01"]').first().waitFor();
    expect(await page.locator('[data-desk="a-01"]').first().getAttribute('transform')).toContain(
      `${dragged.x} ${dragged.y}`,
    );
    await page.close();
  });

  it('shows a duplicate id and an empty label beside their fields and saves neither', {
    timeout: 60_000,
  }, async () => {
    const page = await openEditor();
    const countBefore = deskCount(await site());
    await page.getByRole('button', { name: 'Add a desk to Open space A' }).click();
    const id = page.locator('#edit-desk-id');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('edit-desk-id');
    expect(await id.inputValue()).toBe('a-17');
    await id.fill('a-01');
    expect(await page.locator('#edit-desk-id-error').textContent()).toBe('Another desk already has this id.');
    expect(await id.getAttribute('aria-invalid')).toBe('true');

    await page.locator('.edit-plan [data-desk="a-03"]').click();
    expect(await page.locator('#edit-desk-id').isEditable()).toBe(false);
    await page.locator('#edit-desk-label').fill('');
    expect(await page.locator('#edit-desk-label-error').textContent()).toBe('Required.');

    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByTestId('edit-outcome').textContent()).toBe(
      'Not saved: fix the 2 problems listed below first.',
    );
    expect(await page.locator('.edit-issues li').allTextContents()).toEqual([
      'Desk a-03: Required.',
      'Desk A17: Another desk already has this id.',
    ]);
    await page.screenshot({ path: join(SCREENSHOTS, 'edit-errors-desktop-en.png'), fullPage: true });
    const unchanged = await site();
    expect(deskCount(unchanged)).toBe(countBefore);
    expect(desk(unchanged, 'a-03')?.label).toBe('A3');

    // A desk moved to the other zone of its floor is counted there.
    await page.locator('.edit-plan [data-desk="a-05"]').click();
    await page.locator('#edit-desk-zone').selectOption('sala-corsi');
    expect(
      await page.getByRole('group', { name: 'Sala corsi' }).locator('.edit-zone-count').textContent(),
    ).toBe('7 desks');

    await page.getByRole('button', { name: 'Undo changes' }).click();
    expect(await page.getByTestId('edit-status').textContent()).toBe('No unsaved changes');
    expect(await page.locator('.edit-plan [data-desk="a-17"]').count()).toBe(0);
    await page.close();
  });

  it('speaks Italian, and keeps unsaved edits across the language switch', { timeout: 60_000 }, async () => {
    const page = await openEditor({ lang: 'it' });
    expect(await page.locator('h1').last().textContent()).toBe('Modifica la sede');
    expect(await page.getByTestId('edit-status').textContent()).toBe('Nessuna modifica da salvare');
    expect(await page.getByRole('button', { name: 'Salva' }).count()).toBe(1);
    expect(await page.locator('.edit-plan [data-desk="a-03"]').getAttribute('aria-label')).toBe(
      'Postazione A3, Open space A, in 320, 100',
    );

    // Keyboard only: focus a desk, move it, Enter goes to its label.
    await page.locator('.edit-plan [data-desk="a-03"]').focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('edit-desk-label');
    expect(await page.getByTestId('edit-status').textContent()).toBe('Modifiche non salvate');

    // The shell re-creates the view in the other language; the draft comes along.
    await page.getByRole('combobox', { name: 'Lingua' }).selectOption('en');
    await page.locator('h1', { hasText: 'Edit the site' }).waitFor();
    expect(await deskAt(page, 'a-03')).toEqual({ x: 320, y: 90 });
    expect(await page.getByTestId('edit-status').textContent()).toBe('Unsaved changes');
    await page.getByRole('button', { name: 'Undo changes' }).click();
    expect(await deskAt(page, 'a-03')).toEqual({ x: 320, y: 100 });

    // Leaving the page with changes asks first.
    await page.locator('.edit-plan [data-desk="a-03"]').press('ArrowLeft');
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.accept();
      }),
    );
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
  });

  it('has no serious accessibility problems, with an error on show too', { timeout: 60_000 }, async () => {
    const page = await openEditor({ audit: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('.edit-plan [data-desk="a-02"]').click();
    await page.locator('#edit-desk-label').fill('');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    for (const lang of ['en', 'it'] as const) {
      it(`looks right on a ${size} in ${lang}`, { timeout: 60_000 }, async () => {
        const page = await openEditor({ viewport, lang });
        await page.locator('.edit-plan [data-desk="a-05"]').click();
        await page.screenshot({ path: join(SCREENSHOTS, `edit-${size}-${lang}.png`), fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await page.close();
      });
    }
  }
});
