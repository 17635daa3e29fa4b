// The sender's side of a delivery: a capture-phase keydown listener that stamps the Enter press sending a
// marked message («key» in the textarea's text) with the key event's own time, before the app handles it, so
// each latency starts where the person's send does and Playwright's round trips are not in it.
import type { Frame, Page } from 'playwright-core';

const SOURCE = String.raw`(() => {
  if (window.__benchSend) return;
  const MARK = /«([a-z0-9]+-\d+)»/;
  const sent = new Map();
  addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing) return;
    const t = e.target;
    if (!t || t.tagName !== 'TEXTAREA') return;
    const m = MARK.exec(t.value || '');
    if (m && !sent.has(m[1])) sent.set(m[1], performance.timeOrigin + e.timeStamp);
  }, { capture: true });
  window.__benchSend = {
    now: () => performance.timeOrigin + performance.now(),
    sent: (prefix) => [...sent].filter(([k]) => k.startsWith(prefix)),
  };
})()`;

export function sendProbe(doc: Page | Frame) {
  return {
    install: () => doc.evaluate(SOURCE),
    now: () => doc.evaluate('window.__benchSend.now()') as Promise<number>,
    sent: (prefix: string) =>
      doc.evaluate(`window.__benchSend.sent(${JSON.stringify(prefix)})`) as Promise<[string, number][]>,
  };
}

export type SendProbe = ReturnType<typeof sendProbe>;
