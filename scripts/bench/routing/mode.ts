// Switching the team between the two sides: `manual` for the floor (nothing drains, the agent takes) and
// `balanced` for automatic assignment. Through the admin route (PATCH /api/teams/:id/routing, which tells the
// inbox) when the build has it; otherwise the row is written in Postgres and the team saved unchanged
// (PATCH /api/teams/:id tells the inbox too), and the report says which.
import { setModeRow, TEAM_NAME } from './seed';

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
  // No routing route: the row, then a team save (its route tells the inbox to read its setup again).
  await setModeRow(ownerUrl, teamId, mode);
  const saved = await fetch(`${base}/api/teams/${teamId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ownerToken}` },
    body: JSON.stringify({ name: TEAM_NAME }),
    signal: AbortSignal.timeout(30_000),
  });
  if (!saved.ok) throw new Error(`PATCH team: HTTP ${saved.status} ${(await saved.text()).slice(0, 200)}`);
  await saved.arrayBuffer();
  return 'row';
}
