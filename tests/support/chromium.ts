// Which Chromium the browser tests and the agent bench drive, decided in this one place, so `npm test` works
// on a machine with no browser installed: $CHROMIUM_PATH if set, else a system Chromium or Chrome, else
// (Linux x64/arm64) the headless Chromium that the @sparticuz/chromium dev dependency ships inside the
// package (extracted once to the temp dir). Anything else fails with a message saying how to provide one.
// Playwright's own browser download is not used: it is a separate, post-install step and a host that is
// not always reachable.

import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface ChromiumBinary {
  path: string;
  /** Where it came from, for logs and reports. */
  source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
}

/** Names a system Chromium or Chrome goes by on PATH (Debian, Ubuntu, Fedora, Google's packages). */
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
/** Where macOS keeps them (not on PATH). */
const MAC_APPS = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function systemChromium(): string | undefined {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const dir of dirs) {
    for (const name of PATH_NAMES) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  if (process.platform === 'darwin') return MAC_APPS.find(isExecutable);
  return undefined;
}

async function bundledChromium(): Promise<string | undefined> {
  if (process.platform !== 'linux' || (process.arch !== 'x64' && process.arch !== 'arm64')) return undefined;
  const { default: chromium } = await import('@sparticuz/chromium');
  // Only its binary: its `args` are for AWS Lambda (--single-process, --disable-web-security …) and would
  // make the tests' browser unlike a user's; launchBrowser passes our own flags.
  return chromium.executablePath();
}

async function resolveChromium(): Promise<ChromiumBinary> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file.`);
    return { path: fromEnv, source: 'CHROMIUM_PATH' };
  }
  const system = systemChromium();
  if (system) return { path: system, source: 'system' };
  const bundled = await bundledChromium();
  if (bundled) return { path: bundled, source: '@sparticuz/chromium' };
  throw new Error(
    `No Chromium for the browser tests on ${process.platform}-${process.arch}: the bundled one ` +
      '(@sparticuz/chromium) exists only for Linux x64/arm64. Install Chromium or Google Chrome, or set ' +
      'CHROMIUM_PATH to a Chromium/Chrome binary (e.g. CHROMIUM_PATH=/path/to/chrome npm test).',
  );
}

let resolved: Promise<ChromiumBinary> | undefined;

/** The Chromium to launch (resolved once per process). */
export function chromiumBinary(): Promise<ChromiumBinary> {
  resolved ??= resolveChromium();
  return resolved;
}
