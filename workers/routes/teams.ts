// Teams: any agent lists them (with member ids); admins and supervisors create, rename, change members and
// delete. A name is unique per tenant, whatever its case.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { CreateTeamRequest, UpdateTeamRequest } from '../contract';
import { authorize } from '../middleware/authorize';
import { inTenant } from '../services/db';
import { listTeams } from '../services/directory';
import { conflictOn } from '../services/pg-errors';
import { routingChanged } from '../services/routing-changed';
import { createTeam, deleteTeam, TEAM_NAME_INDEX, TEAM_NAME_TAKEN, updateTeam } from '../services/teams';
import { parseIdParam, parseJsonBody } from '../validation';

const nameTaken = conflictOn(TEAM_NAME_INDEX, TEAM_NAME_TAKEN);

export const teamRoutes = new Hono<AppEnv>()
  .get('/api/teams', authorize('directory.read'), async (c) => {
    const tenantId = c.var.agent.tid;
    const teams = await inTenant(c.var.dbs.primary, tenantId, (tx) => listTeams(tx, tenantId));
    return c.json({ teams });
  })
  .post('/api/teams', authorize('teams.manage'), async (c) => {
    const req = await parseJsonBody(c, CreateTeamRequest);
    const tenantId = c.var.agent.tid;
    const team = await inTenant(c.var.dbs.primary, tenantId, (tx) => createTeam(tx, tenantId, req)).catch(
      nameTaken,
    );
    await routingChanged(c.env, tenantId);
    return c.json(team, 201);
  })
  .patch('/api/teams/:id', authorize('teams.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Team');
    const req = await parseJsonBody(c, UpdateTeamRequest);
    const tenantId = c.var.agent.tid;
    const team = await inTenant(c.var.dbs.primary, tenantId, (tx) => updateTeam(tx, tenantId, id, req)).catch(
      nameTaken,
    );
    // Members may have changed: routing reads its teams again (a new member can take queued work).
    await routingChanged(c.env, tenantId);
    return c.json(team);
  })
  .delete('/api/teams/:id', authorize('teams.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Team');
    const tenantId = c.var.agent.tid;
    await inTenant(c.var.dbs.primary, tenantId, (tx) => deleteTeam(tx, tenantId, id));
    await routingChanged(c.env, tenantId);
    return c.body(null, 204);
  });
