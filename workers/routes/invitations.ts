// Invitations: admins invite, list pending, resend and revoke (/api/admin/invitations); the invited person
// accepts with the e-mailed token and their new password (/api/auth/invitations/accept, no sign-in).
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { InviteRequest, SetPasswordWithToken } from '../contract';
import { mailerFor } from '../mail/mailer';
import { authorize, publicRoute } from '../middleware/authorize';
import { agentActor, clientIp } from '../services/audit';
import { inTenant } from '../services/db';
import {
  acceptInvitation,
  type Inviter,
  inviteUser,
  listInvitations,
  resendInvitation,
  revokeInvitation,
} from '../services/invitations';
import { limitInvitation } from '../services/mail-limits';
import { appOrigin } from '../services/password-setting';
import { parseIdParam, parseJsonBody } from '../validation';

function inviter(c: Context<AppEnv>): Inviter {
  const agent = c.var.agent;
  return {
    id: agent.sub,
    name: agent.name,
    role: agent.role,
    tenantId: agent.tid,
    actor: agentActor(c),
    ip: clientIp(c),
    origin: appOrigin(c),
    requestId: c.var.requestId,
  };
}

export const invitationRoutes = new Hono<AppEnv>()
  .get('/api/admin/invitations', authorize('users.manage'), async (c) => {
    const tid = c.var.agent.tid;
    const invitations = await inTenant(c.var.dbs.primary, tid, (tx) => listInvitations(tx, tid));
    return c.json({ invitations });
  })
  .post('/api/admin/invitations', authorize('users.manage'), async (c) => {
    const req = await parseJsonBody(c, InviteRequest);
    await limitInvitation(c, c.var.agent.tid, c.var.agent.sub);
    const invitation = await inviteUser(c.var.dbs.primary, mailerFor(c.env), inviter(c), req);
    return c.json(invitation, 201);
  })
  .post('/api/admin/invitations/:id/resend', authorize('users.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Invitation');
    await limitInvitation(c, c.var.agent.tid, c.var.agent.sub);
    const invitation = await resendInvitation(c.var.dbs.primary, mailerFor(c.env), inviter(c), id);
    return c.json(invitation);
  })
  .delete('/api/admin/invitations/:id', authorize('users.manage'), async (c) => {
    const id = parseIdParam(c.req.param('id'), 'Invitation');
    const who = inviter(c);
    await inTenant(c.var.dbs.primary, who.tenantId, (tx) => revokeInvitation(tx, who, id));
    return c.body(null, 204);
  })
  .post('/api/auth/invitations/accept', publicRoute('the credential is the e-mailed token'), async (c) => {
    const body = await parseJsonBody(c, SetPasswordWithToken);
    return c.json(await acceptInvitation(c.var.dbs.primary, body.token, body.password, clientIp(c)));
  });
