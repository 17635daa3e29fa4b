// The agent client's request joining (app/agent/recent-requests.ts): the reports screen's table prefetch and
// the admin page's /api/me rely on a second ask within the window getting the first answer without a second
// request, and on a failed ask being forgotten so that "Tentar novamente" really asks again.
import { describe, expect, it } from 'vitest';
import { recentRequests } from '../../app/agent/recent-requests';

describe('recent requests', () => {
  it('joins an ask for the same key made while the first is under way or just answered', async () => {
    const recent = recentRequests<string>(10_000);
    let sent = 0;
    const ask = () => {
      sent++;
      return Promise.resolve(`answer ${sent}`);
    };
    const first = recent.join('table agent', ask);
    const second = recent.join('table agent', ask);
    expect(await first).toBe('answer 1');
    expect(await second).toBe('answer 1');
    expect(await recent.join('table agent', ask)).toBe('answer 1');
    expect(sent).toBe(1);
    expect(await recent.join('table team', ask)).toBe('answer 2');
    expect(sent).toBe(2);
  });

  it('asks again once the window has passed', async () => {
    const recent = recentRequests<number>(30);
    let sent = 0;
    const ask = () => Promise.resolve(++sent);
    expect(await recent.join('me', ask)).toBe(1);
    await new Promise((r) => setTimeout(r, 60));
    expect(await recent.join('me', ask)).toBe(2);
  });

  it('forgets a failed ask, so the retry sends a new request', async () => {
    const recent = recentRequests<string>(10_000);
    let sent = 0;
    const failing = () => {
      sent++;
      return Promise.reject(new Error('503'));
    };
    await expect(recent.join('me', failing)).rejects.toThrow('503');
    await Promise.resolve();
    expect(await recent.join('me', () => Promise.resolve('ok'))).toBe('ok');
    expect(sent).toBe(1);
  });
});
