// Hono assembly: request context, routes, and the one error envelope for everything that goes wrong.
import { Hono } from 'hono';
import type { AppEnv } from './app-env';
import { AppError, envelope, errorResponse } from './errors';
import { cors } from './middleware/cors';
import { databaseRoleGuard } from './middleware/database-role';
import { requestContext } from './middleware/request-context';
import { securityHeaders } from './middleware/security-headers';
import { adminAiRoutes } from './routes/admin-ai';
import { adminAuditRoutes } from './routes/admin-audit';
import { adminErpRoutes } from './routes/admin-erp';
import { adminKnowledgeRoutes } from './routes/admin-knowledge';
import { adminUserRoutes } from './routes/admin-users';
import { apiKeyRoutes } from './routes/api-keys';
import { authRoutes } from './routes/auth';
import { botFlowRoutes } from './routes/bot-flows';
import { campaignRoutes } from './routes/campaigns';
import { cannedResponseRoutes } from './routes/canned-responses';
import { channelTemplateRoutes } from './routes/channel-templates';
import { channelRoutes } from './routes/channels';
import { contactPrivacyRoutes } from './routes/contact-privacy';
import { contactRoutes } from './routes/contacts';
import { conversationContinueRoutes } from './routes/conversation-continue';
import { conversationMessageRoutes } from './routes/conversation-messages';
import { conversationSocketRoutes } from './routes/conversation-socket';
import { conversationTicketRoutes } from './routes/conversation-ticket';
import { conversationRoutes } from './routes/conversations';
import { directoryRoutes } from './routes/directory';
import { healthRoutes } from './routes/health';
import { inboxSocketRoutes } from './routes/inbox-socket';
import { invitationRoutes } from './routes/invitations';
import { meRoutes } from './routes/me';
import { mePasswordRoutes } from './routes/me-password';
import { metricsRoutes } from './routes/metrics';
import { optOutRoutes } from './routes/opt-outs';
import { outageRoutes } from './routes/outages';
import { passwordResetRoutes } from './routes/password-reset';
import { routingRoutes } from './routes/routing';
import { searchRoutes } from './routes/search';
import { serviceSettingsRoutes } from './routes/service-settings';
import { sessionRoutes } from './routes/sessions';
import { slaPolicyRoutes } from './routes/sla-policies';
import { teamRoutes } from './routes/teams';
import { tenantSettingsRoutes } from './routes/tenant-settings';
import { twoFactorRoutes } from './routes/two-factor';
import { v1Routes } from './routes/v1';
import { webhookRoutes } from './routes/webhooks';
import { whatsappWebhookRoutes } from './routes/whatsapp-webhooks';
import { widgetChannelRoutes } from './routes/widget-channels';
import { widgetIdentityRoutes } from './routes/widget-identity';
import { widgetPublicRoutes } from './routes/widget-public';
import { widgetSessionRoutes } from './routes/widget-sessions';
import { isDatabaseUnavailable } from './services/db';
import { errorFields, log } from './services/log';

export const app = new Hono<AppEnv>();

// Outermost, so every answer gets the headers, errors and 404s included.
app.use('*', securityHeaders);
app.use('*', requestContext);
app.use('*', databaseRoleGuard);
app.use('/api/*', cors);

app.route('/', healthRoutes);
app.route('/', metricsRoutes);
app.route('/', authRoutes);
app.route('/', passwordResetRoutes);
app.route('/', sessionRoutes);
app.route('/', twoFactorRoutes);
app.route('/', widgetSessionRoutes);
app.route('/', widgetPublicRoutes);
app.route('/', widgetChannelRoutes);
app.route('/', conversationRoutes);
app.route('/', conversationSocketRoutes);
app.route('/', whatsappWebhookRoutes);
app.route('/', channelRoutes);
app.route('/', channelTemplateRoutes);
app.route('/', conversationMessageRoutes);
app.route('/', conversationContinueRoutes);
app.route('/', conversationTicketRoutes);
app.route('/', inboxSocketRoutes);
app.route('/', meRoutes);
app.route('/', mePasswordRoutes);
app.route('/', directoryRoutes);
app.route('/', adminUserRoutes);
app.route('/', invitationRoutes);
app.route('/', teamRoutes);
app.route('/', routingRoutes);
app.route('/', cannedResponseRoutes);
app.route('/', outageRoutes);
app.route('/', tenantSettingsRoutes);
app.route('/', adminErpRoutes);
app.route('/', adminAiRoutes);
app.route('/', adminKnowledgeRoutes);
app.route('/', contactRoutes);
app.route('/', contactPrivacyRoutes);
app.route('/', adminAuditRoutes);
app.route('/', webhookRoutes);
app.route('/', searchRoutes);
app.route('/', apiKeyRoutes);
app.route('/', widgetIdentityRoutes);
app.route('/', botFlowRoutes);
app.route('/', serviceSettingsRoutes);
app.route('/', slaPolicyRoutes);
app.route('/', v1Routes);
app.route('/', campaignRoutes);
app.route('/', optOutRoutes);

app.notFound((c) => c.json(envelope('not_found', 'No such route', c.var.requestId ?? 'none'), 404));

app.onError((err, c) => {
  const requestId = c.var.requestId ?? crypto.randomUUID();
  if (err instanceof AppError) return errorResponse(err, requestId);
  if (isDatabaseUnavailable(err)) {
    log('warn', 'database unavailable', { requestId, path: c.req.path, ...errorFields(err) });
    const res = errorResponse(
      new AppError('unavailable', 'The database is unavailable, try again shortly'),
      requestId,
    );
    res.headers.set('retry-after', '2');
    return res;
  }
  log('error', 'unhandled error', { requestId, path: c.req.path, ...errorFields(err) });
  return errorResponse(new AppError('internal', 'Something went wrong on our side'), requestId);
});
