import { publicRoute } from '../../middleware/authorize';
import { v1CampaignRoutes } from './campaigns';
import { BEARER, v1Router } from './common';
import { v1ContactRoutes } from './contacts';
import { v1ConversationRoutes } from './conversations';
import { renderDocsPage, styleSource } from './docs-page';
import { v1MessageRoutes } from './messages';
import { v1TicketRoutes } from './tickets';

const api = v1Router()
  .route('/', v1ContactRoutes)
  .route('/', v1ConversationRoutes)
  .route('/', v1MessageRoutes)
  .route('/', v1TicketRoutes)
  .route('/', v1CampaignRoutes);

api.openAPIRegistry.registerComponent('securitySchemes', BEARER, {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'fio_<prefix>_<secret>',
  description: 'An API key created in Administração → Chaves de API, limited to its scopes and its tenant.',
});

const CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'Fio API',
    version: '1.0.0',
    description:
      "API pública do Fio para os sistemas do provedor · Fio's public API for ISPs' own systems: contacts, " +
      'conversations and messages, tickets, campaigns. Errors: one envelope, {"error":{"code","message",' +
      '"details?","requestId"}}.',
  },
  servers: [{ url: '/', description: 'Este Fio · this Fio' }],
  tags: [
    { name: 'Contatos · Contacts' },
    { name: 'Conversas · Conversations' },
    { name: 'Mensagens · Messages' },
    { name: 'Atendimentos · Tickets' },
    { name: 'Campanhas · Campaigns' },
  ],
};

let cached: ReturnType<typeof api.getOpenAPI31Document> | null = null;
/** The document, generated once per isolate from the routes' schemas. */
export function v1Document() {
  cached ??= api.getOpenAPI31Document(CONFIG);
  return cached;
}

export const v1Routes = api
  .get('/api/v1/openapi.json', publicRoute('the API description: no data'), (c) => c.json(v1Document()))
  .get('/api/v1/docs', publicRoute('the API reference page: no data'), async (c) => {
    const html = renderDocsPage(v1Document() as unknown as Record<string, unknown>);
    return c.html(html, 200, {
      'content-security-policy': `default-src 'none'; style-src ${await styleSource()}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    });
  });
