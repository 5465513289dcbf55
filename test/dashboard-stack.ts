import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { createTokenStore } from '../api/index.ts';
import { addDevice, type NewDevice, registryFile } from '../broker/index.ts';
import { launchChromium } from './browser.ts';
import { type CliProcess, runCli } from './cli-process.ts';
import { type RealPart, realPart } from './real-parts.ts';
import { waitFor } from './wait-for.ts';

// What every dashboard browser test needs: `prossima start` as a real process on free ports, Debian's
// Chromium, tokens for each role, screenshots and an axe-core audit. One stack per test file.

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
export const chromiumPart: RealPart = realPart('chromium', 'apt-get install chromium');

export type DashboardStack = {
  http: string;
  mqttUrl: string;
  dataDir: string;
  cli: CliProcess;
  browser: Browser;
  /** A real sensor beside the simulated ones: registered (as `prossima devices add` would) and connected. */
  connectSensor(device: NewDevice): Promise<MqttClient>;
  /** A new token of that role, as `prossima tokens add` would print it. */
  token(role: 'member' | 'planner' | 'manager'): string;
  /** A page whose localStorage already holds `token` (as if entered once in the token form). */
  newPage(options?: {
    viewport?: { width: number; height: number };
    token?: string;
    lang?: 'en' | 'it';
  }): Promise<Page>;
  close(): Promise<void>;
};

/** Starts `prossima start` (simulator seeded, `backfillDays` of history) and Chromium. */
export async function startDashboardStack(
  options: { backfillDays?: number; args?: string[] } = {},
): Promise<DashboardStack> {
  if (!chromiumPart.found) throw new Error(chromiumPart.reason);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'prossima-dash-'));
  const cli = runCli([
    'start',
    '--http-port',
    '0',
    '--mqtt-port',
    '0',
    '--data-dir',
    dataDir,
    '--sim-seed',
    '11',
    '--sim-backfill-days',
    String(options.backfillDays ?? 0),
    ...(options.args ?? []),
  ]);
  const http = await cli.read(/Dashboard\s+(http:\/\/\S+)\//, 60_000);
  const mqttUrl = await cli.read(/MQTT\s+(mqtt:\/\/\S+)/);
  const browser = await launchChromium(chromiumPart.path);
  const tokens = createTokenStore({ dataDir });
  return {
    http,
    mqttUrl,
    dataDir,
    cli,
    browser,
    token: (role) => tokens.add(role, `test-${role}`).token,
    async connectSensor(device) {
      const { secret } = await addDevice(registryFile(dataDir), device);
      // The running broker picks a new device up from its watched registry within a moment.
      const connect = () =>
        mqtt
          .connectAsync(mqttUrl, {
            clientId: device.id,
            username: device.id,
            password: secret,
            reconnectPeriod: 0,
          })
          .catch(() => undefined);
      return waitFor(connect, `the broker to accept ${device.id}`, 10_000);
    },
    async newPage({ viewport = VIEWPORTS.desktop, token, lang = 'en' } = {}) {
      const context = await browser.newContext({ viewport, locale: lang === 'it' ? 'it-IT' : 'en-GB' });
      if (token) await context.addInitScript((t) => localStorage.setItem('prossima-token', t), token);
      const page = await context.newPage();
      page.on('close', () => void context.close().catch(() => {}));
      return page;
    },
    async close() {
      await browser.close();
      await cli.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const axeSource = () => readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Serious and critical axe-core violations on the page as it is now, as readable lines.
 * The page must have been opened with `bypassCSP` (the page's policy rightly forbids injected scripts):
 * use `stack.browser.newPage({ bypassCSP: true })`.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource() });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(): Promise<{
            violations: Array<{ id: string; impact: string; help: string; nodes: unknown[] }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact}: ${v.id} — ${v.help} (${v.nodes.length})`);
  });
}
