// Two-factor routes under /api/auth/2fa: my status, enrolment (start → scan → confirm with a first code →
// recovery codes shown once), disable, and new recovery codes. The two enrolment routes also take the
// enrolment token a login hands out when the tenant's policy requires 2FA; no other route accepts it.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import {
  ConfirmTwoFactorRequest,
  DisableTwoFactorRequest,
  RecoveryCodesResponse,
  RegenerateRecoveryCodesRequest,
} from '../contract';
import { AppError } from '../errors';
import { authenticate, bearer } from '../middleware/auth';
import { authorize, publicRoute } from '../middleware/authorize';
import { agentActor, clientIp } from '../services/audit';
import { inTenant } from '../services/db';
import { verifyEnrolmentToken } from '../services/enrolment-token';
import { beginPasswordCheck } from '../services/login-limit';
import {
  confirmEnrolment,
  consumeSecondFactor,
  disableTwoFactor,
  loadTwoFactorUser,
  passwordMatches,
  regenerateRecoveryCodes,
  selfActor,
  startEnrolment,
  type TwoFactorUser,
  twoFactorStatus,
} from '../services/two-factor';
import { parseJsonBody } from '../validation';

/** The matrix's bearer rule cannot express "an agent OR an enrolment token": the handler's enroller() checks. */
const ENROLMENT_RULE = 'an enrolment token or my own access token, checked by enroller() (self.manage)';

type Enroller = { userId: string; tenantId: string; viaEnrolmentToken: boolean };

/** An enrolment token (sign-in interrupted by the policy) or a signed-in agent's access token. */
async function enroller(c: Parameters<typeof authenticate>[0]): Promise<Enroller> {
  const token = bearer(c.req.header('authorization'));
  const enrolment = await verifyEnrolmentToken(token, c.env.JWT_SECRET);
  if (enrolment) return { userId: enrolment.sub, tenantId: enrolment.tid, viaEnrolmentToken: true };
  const principal = await authenticate(c, token);
  if (principal.kind !== 'agent') throw new AppError('forbidden', 'This endpoint is for agents');
  return { userId: principal.sub, tenantId: principal.tid, viaEnrolmentToken: false };
}

const wrongCode = () =>
  new AppError('validation_failed', 'The code is not right, or was already used', [
    { path: 'code', message: 'wrong or already used code' },
  ]);

export const twoFactorRoutes = new Hono<AppEnv>()
  .get('/api/auth/2fa', authorize('self.manage'), async (c) => {
    const { sub, tid } = c.var.agent;
    return c.json(
      await inTenant(c.var.dbs.primary, tid, async (tx) =>
        twoFactorStatus(tx, await loadTwoFactorUser(tx, tid, sub)),
      ),
    );
  })
  .post('/api/auth/2fa/enrolment', publicRoute(ENROLMENT_RULE), async (c) => {
    const who = await enroller(c);
    return c.json(
      await inTenant(c.var.dbs.primary, who.tenantId, async (tx) =>
        startEnrolment(tx, c.env, await loadTwoFactorUser(tx, who.tenantId, who.userId)),
      ),
    );
  })
  .post('/api/auth/2fa/enrolment/confirm', publicRoute(ENROLMENT_RULE), async (c) => {
    const who = await enroller(c);
    const { code } = await parseJsonBody(c, ConfirmTwoFactorRequest);
    const body = await inTenant(c.var.dbs.primary, who.tenantId, async (tx) => {
      const user = await loadTwoFactorUser(tx, who.tenantId, who.userId);
      return confirmEnrolment(tx, c.env, user, code, {
        ticket: who.viaEnrolmentToken,
        audit: { actor: selfActor(user), ip: clientIp(c) },
      });
    });
    return c.json(RecoveryCodesResponse.parse(body));
  })
  .post('/api/auth/2fa/disable', authorize('self.manage'), async (c) => {
    const proof = await parseJsonBody(c, DisableTwoFactorRequest);
    const { sub, tid } = c.var.agent;
    const audit = { actor: agentActor(c), ip: clientIp(c) };
    // Proofs (password or code) are limited per user like the current-password check.
    const attempt = await beginPasswordCheck(c, sub);
    // A wrong proof must not roll back what checking it consumed (a recovery code): check, commit, then act.
    const user: TwoFactorUser | null = await inTenant(c.var.dbs.primary, tid, async (tx) => {
      const me = await loadTwoFactorUser(tx, tid, sub);
      const status = await twoFactorStatus(tx, me);
      if (!status.enabled) throw new AppError('conflict', 'Two-factor authentication is not on');
      if ('password' in proof) return (await passwordMatches(tx, me, proof.password)) ? me : null;
      return (await consumeSecondFactor(tx, c.env, me, proof.code, audit)) ? me : null;
    });
    if (!user) {
      const path = 'password' in proof ? 'password' : 'code';
      throw new AppError('validation_failed', `The ${path} is not right`, [{ path, message: 'not right' }]);
    }
    await attempt.succeeded();
    await inTenant(c.var.dbs.primary, tid, (tx) => disableTwoFactor(tx, user, audit));
    return c.body(null, 204);
  })
  .post('/api/auth/2fa/recovery-codes', authorize('self.manage'), async (c) => {
    const { code } = await parseJsonBody(c, RegenerateRecoveryCodesRequest);
    const { sub, tid } = c.var.agent;
    const audit = { actor: agentActor(c), ip: clientIp(c) };
    const attempt = await beginPasswordCheck(c, sub);
    const user = await inTenant(c.var.dbs.primary, tid, async (tx) => {
      const me = await loadTwoFactorUser(tx, tid, sub);
      if (!(await twoFactorStatus(tx, me)).enabled) {
        throw new AppError('conflict', 'Two-factor authentication is not on');
      }
      return (await consumeSecondFactor(tx, c.env, me, code, audit)) ? me : null;
    });
    if (!user) throw wrongCode();
    await attempt.succeeded();
    const recoveryCodes = await inTenant(c.var.dbs.primary, tid, (tx) => regenerateRecoveryCodes(tx, user));
    return c.json({ recoveryCodes });
  });
