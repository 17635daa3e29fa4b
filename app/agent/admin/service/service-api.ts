// REST calls of the service screens (opening hours, service settings, SLA policies), through the client's one
// fetch wrapper; shapes come from the contract.
import type { z } from 'zod';
import type {
  ServiceSettingsResponse,
  SlaPolicy,
  SlaPolicyInput,
  UpdateServiceSettingsRequest,
} from '../../../../workers/contract';
import { sendJson as send } from '../../api';

type Body<S extends z.ZodType> = z.input<S>;

export const getService = (token: string) =>
  send<ServiceSettingsResponse>(token, 'GET', '/api/settings/service');
export const saveService = (token: string, body: Body<typeof UpdateServiceSettingsRequest>) =>
  send<ServiceSettingsResponse>(token, 'PUT', '/api/settings/service', body);

export const listSlaPolicies = (token: string) =>
  send<{ policies: SlaPolicy[] }>(token, 'GET', '/api/sla-policies');
export const createSlaPolicy = (token: string, body: Body<typeof SlaPolicyInput>) =>
  send<SlaPolicy>(token, 'POST', '/api/sla-policies', body);
export const updateSlaPolicy = (token: string, id: string, body: Body<typeof SlaPolicyInput>) =>
  send<SlaPolicy>(token, 'PATCH', `/api/sla-policies/${encodeURIComponent(id)}`, body);
export const deleteSlaPolicy = (token: string, id: string) =>
  send<unknown>(token, 'DELETE', `/api/sla-policies/${encodeURIComponent(id)}`);
