// REST calls of the admin screens (users, teams, channels, canned responses, tenant settings, API keys), through the
// client's one fetch wrapper; request and response shapes come from the contract.
import type { z } from 'zod';
import type {
  AdminUser,
  ApiKeyListResponse,
  AuditListResponse,
  CannedResponse,
  CannedResponseRequest,
  ChannelHealthResponse,
  ChannelTestResponse,
  ChannelView,
  CreateApiKeyRequest,
  CreateApiKeyResponse,
  CreateChannelRequest,
  CreateTeamRequest,
  CreateUserRequest,
  DirectoryResponse,
  Invitation,
  InviteRequest,
  Team,
  TenantSettings,
  UpdateTeamRequest,
  UpdateTenantSettingsRequest,
  UpdateUserRequest,
} from '../../../workers/contract';
import { sendJson as send } from '../api';

type Body<S extends z.ZodType> = z.input<S>;

/** What POST /api/channels/:id/test answers. */
export type ChannelTestResult = ChannelTestResponse;

export const listUsers = (token: string) => send<{ users: AdminUser[] }>(token, 'GET', '/api/admin/users');
export const createUser = (token: string, body: Body<typeof CreateUserRequest>) =>
  send<AdminUser>(token, 'POST', '/api/admin/users', body);
export const updateUser = (token: string, id: string, body: Body<typeof UpdateUserRequest>) =>
  send<AdminUser>(token, 'PATCH', `/api/admin/users/${encodeURIComponent(id)}`, body);

export const listInvitations = (token: string) =>
  send<{ invitations: Invitation[] }>(token, 'GET', '/api/admin/invitations');
export const inviteUser = (token: string, body: Body<typeof InviteRequest>) =>
  send<Invitation>(token, 'POST', '/api/admin/invitations', body);
export const resendInvitation = (token: string, userId: string) =>
  send<Invitation>(token, 'POST', `/api/admin/invitations/${encodeURIComponent(userId)}/resend`);
export const revokeInvitation = (token: string, userId: string) =>
  send<unknown>(token, 'DELETE', `/api/admin/invitations/${encodeURIComponent(userId)}`);

/** Every agent and team of the tenant, readable by supervisors too (the users list is admin-only). */
export const getDirectory = (token: string) => send<DirectoryResponse>(token, 'GET', '/api/directory');

export const listTeams = (token: string) => send<{ teams: Team[] }>(token, 'GET', '/api/teams');
export const createTeam = (token: string, body: Body<typeof CreateTeamRequest>) =>
  send<Team>(token, 'POST', '/api/teams', body);
export const updateTeam = (token: string, id: string, body: Body<typeof UpdateTeamRequest>) =>
  send<Team>(token, 'PATCH', `/api/teams/${encodeURIComponent(id)}`, body);
export const deleteTeam = (token: string, id: string) =>
  send<unknown>(token, 'DELETE', `/api/teams/${encodeURIComponent(id)}`);

export const listCanned = (token: string) =>
  send<{ cannedResponses: CannedResponse[] }>(token, 'GET', '/api/canned-responses');
export const createCanned = (token: string, body: Body<typeof CannedResponseRequest>) =>
  send<CannedResponse>(token, 'POST', '/api/canned-responses', body);
export const replaceCanned = (token: string, id: string, body: Body<typeof CannedResponseRequest>) =>
  send<CannedResponse>(token, 'PUT', `/api/canned-responses/${encodeURIComponent(id)}`, body);
export const deleteCanned = (token: string, id: string) =>
  send<unknown>(token, 'DELETE', `/api/canned-responses/${encodeURIComponent(id)}`);

export const getSettings = (token: string) => send<TenantSettings>(token, 'GET', '/api/tenant/settings');
export const updateSettings = (token: string, body: Body<typeof UpdateTenantSettingsRequest>) =>
  send<TenantSettings>(token, 'PATCH', '/api/tenant/settings', body);

export const listChannels = (token: string) =>
  send<{ channels: ChannelView[] }>(token, 'GET', '/api/channels');
export const createChannel = (token: string, body: Body<typeof CreateChannelRequest>) =>
  send<{ channel: ChannelView }>(token, 'POST', '/api/channels', body);
export const testChannel = (token: string, id: string) =>
  send<ChannelTestResult>(token, 'POST', `/api/channels/${encodeURIComponent(id)}/test`);
export const channelHealth = (token: string, id: string) =>
  send<z.infer<typeof ChannelHealthResponse>>(token, 'GET', `/api/channels/${encodeURIComponent(id)}/health`);
export const removeChannel = (token: string, id: string) =>
  send<unknown>(token, 'DELETE', `/api/channels/${encodeURIComponent(id)}`);

/** One page of the audit log (GET /api/admin/audit); `query` holds the filters and the cursor. */
export const listAudit = (token: string, query: URLSearchParams) =>
  send<AuditListResponse>(token, 'GET', `/api/admin/audit?${query}`);
export const listApiKeys = (token: string) => send<ApiKeyListResponse>(token, 'GET', '/api/admin/api-keys');
export const createApiKey = (token: string, body: Body<typeof CreateApiKeyRequest>) =>
  send<CreateApiKeyResponse>(token, 'POST', '/api/admin/api-keys', body);
export const revokeApiKey = (token: string, id: string) =>
  send<unknown>(token, 'DELETE', `/api/admin/api-keys/${encodeURIComponent(id)}`);
