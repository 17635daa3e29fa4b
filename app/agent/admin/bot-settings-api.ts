// REST calls of the bot's settings screens (ERP connection, AI settings, knowledge base, a channel's bot
// switch), through the client's one fetch wrapper; shapes come from the contract.
import type { z } from 'zod';
import type {
  AiSettingsRequest,
  AiSettingsResponse,
  ChannelView,
  ErpConnectionRequest,
  ErpConnectionResponse,
  ErpConnectionView,
  ErpTestResponse,
  KnowledgeArticleRequest,
  KnowledgeArticleView,
  KnowledgeListResponse,
  KnowledgeSearchResponse,
} from '../../../workers/contract';
import { sendJson as send } from '../api';

type Body<S extends z.ZodType> = z.input<S>;

export const getErp = (token: string) => send<ErpConnectionResponse>(token, 'GET', '/api/admin/erp');
export const saveErp = (token: string, body: Body<typeof ErpConnectionRequest>) =>
  send<{ connection: ErpConnectionView; test: ErpTestResponse | null }>(token, 'PUT', '/api/admin/erp', body);
export const testErp = (token: string) => send<ErpTestResponse>(token, 'POST', '/api/admin/erp/test');
export const disconnectErp = (token: string) =>
  send<unknown>(token, 'DELETE', '/api/admin/erp', { confirm: true });

export const getAi = (token: string) => send<AiSettingsResponse>(token, 'GET', '/api/admin/ai');
export const saveAi = (token: string, body: Body<typeof AiSettingsRequest>) =>
  send<AiSettingsResponse>(token, 'PUT', '/api/admin/ai', body);

export const listKnowledge = (token: string, q: string) =>
  send<KnowledgeListResponse>(
    token,
    'GET',
    q ? `/api/admin/knowledge?q=${encodeURIComponent(q)}` : '/api/admin/knowledge',
  );
export const getArticle = (token: string, id: string) =>
  send<KnowledgeArticleView>(token, 'GET', `/api/admin/knowledge/${encodeURIComponent(id)}`);
export const createArticle = (token: string, body: Body<typeof KnowledgeArticleRequest>) =>
  send<KnowledgeArticleView>(token, 'POST', '/api/admin/knowledge', body);
export const replaceArticle = (token: string, id: string, body: Body<typeof KnowledgeArticleRequest>) =>
  send<KnowledgeArticleView>(token, 'PUT', `/api/admin/knowledge/${encodeURIComponent(id)}`, body);
export const deleteArticle = (token: string, id: string) =>
  send<unknown>(token, 'DELETE', `/api/admin/knowledge/${encodeURIComponent(id)}`);
export const searchKnowledge = (token: string, query: string) =>
  send<KnowledgeSearchResponse>(token, 'POST', '/api/admin/knowledge/search', { query, limit: 3 });

export const setChannelBot = (token: string, id: string, botEnabled: boolean) =>
  send<{ channel: ChannelView }>(token, 'PATCH', `/api/channels/${encodeURIComponent(id)}/bot`, {
    botEnabled,
  });
