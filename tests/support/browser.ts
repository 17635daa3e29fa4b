// A real browser for tests and the agent bench: the Chromium that ./chromium.ts resolves, driven by
// playwright-core, plus an axe-core accessibility check that returns the serious and critical findings.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  type Browser,
  chromium,
  type Frame,
  type LaunchOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { chromiumBinary } from './chromium';

/**
 * `options` adds launch options (a bench that stops the browser itself turns off Playwright's signal handling).
 * Our flags only: no sandbox (tests may run as root, in containers), /tmp instead of a small /dev/shm.
 * Playwright already turns off background networking, component updates, sync and the first-run UI.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const { path } = await chromiumBinary();
  return chromium.launch({
    ...options,
    executablePath: path,
    args: ['--no-sandbox', '--disable-dev-shm-usage', ...(options.args ?? [])],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/**
 * Serious and critical accessibility violations of the page (or a frame) as it is now (WCAG 2.1 A/AA rules);
 * `include`: only inside the elements this selector matches (open shadow roots included), e.g. an embed's own
 * element on a host page whose markup is not ours.
 */
export async function seriousA11yViolations(page: Page | Frame, include?: string): Promise<AxeFinding[]> {
  // Evaluated through the DevTools protocol, not as a <script> tag: the app's CSP allows no inline script.
  await page.evaluate(axeSource);
  const findings = await page.evaluate(async (only) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document | { include: string[][] },
            o: unknown,
          ): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(only ? { include: [[only]] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
    }));
  }, include);
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

/**
 * A press that spans something: the button goes down at the middle of `target`, `during` runs (an update lands
 * under the pointer), the button comes up. A list that re-creates the element meanwhile loses the click.
 */
export async function pressAcross(page: Page, target: Locator, during: () => Promise<void>): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('the element to press has no box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await during();
  await page.mouse.up();
}
