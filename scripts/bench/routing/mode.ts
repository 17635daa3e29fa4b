// Switching the team between the two sides: `manual` for the floor (nothing drains, the agent takes) and
// `balanced` for automatic assignment. Through the admin route (PATCH /api/teams/:id/routing, which tells the
// inbox) when the build has it; otherwise the row is written in Postgres and the report says so.
import { setModeRow } from './seed';

export type ModeSwitch = 'route' | 'row';

export async function switchMode(
  base: string,
  ownerToken: string,
  ownerUrl: string,
  teamId: string,
  mode: 'manual' | 'balanced',
): Promise<ModeSwitch> {
  const res = await fetch(`${base}/api/teams/${teamId}/routing`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ownerToken}` },
    body: JSON.stringify({ mode }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.ok) return 'route';
  if (res.status !== 404 && res.status !== 405)
    throw new Error(`PATCH team routing: HTTP ${res.status} ${text.slice(0, 200)}`);
  await setModeRow(ownerUrl, teamId, mode);
  return 'row';
}
