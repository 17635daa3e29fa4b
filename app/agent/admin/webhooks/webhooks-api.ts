// REST calls of the "Webhooks" screen (/api/webhooks, built by the webhooks server part), through the client's
// one fetch wrapper; shapes come from the contract.
import type { z } from 'zod';
import type {
  CreateWebhookRequest,
  DeliveryState,
  UpdateWebhookRequest,
  WebhookDeliveryView,
  WebhookEndpointView,
} from '../../../../workers/contract/webhooks';
import { sendJson as send } from '../../api';

type Body<S extends z.ZodType> = z.input<S>;
const enc = encodeURIComponent;

/** The endpoint and its secret: answered once, at creation and on rotation. */
export interface EndpointWithSecret {
  endpoint: WebhookEndpointView;
  secret: string;
}

/** What a test delivery got back (status null when nothing answered). */
export interface TestResult {
  ok: boolean;
  status: number | null;
  latencyMs: number;
  error: string | null;
}

export const listWebhooks = (token: string) =>
  send<{ endpoints: WebhookEndpointView[] }>(token, 'GET', '/api/webhooks');
export const createWebhook = (token: string, body: Body<typeof CreateWebhookRequest>) =>
  send<EndpointWithSecret>(token, 'POST', '/api/webhooks', body);
export const updateWebhook = (token: string, id: string, body: Body<typeof UpdateWebhookRequest>) =>
  send<WebhookEndpointView>(token, 'PATCH', `/api/webhooks/${enc(id)}`, body);
export const deleteWebhook = (token: string, id: string) =>
  send<unknown>(token, 'DELETE', `/api/webhooks/${enc(id)}`);
export const rotateSecret = (token: string, id: string) =>
  send<EndpointWithSecret>(token, 'POST', `/api/webhooks/${enc(id)}/rotate-secret`);
export const testWebhook = (token: string, id: string) =>
  send<TestResult>(token, 'POST', `/api/webhooks/${enc(id)}/test`);
export const listDeliveries = (token: string, id: string, status?: DeliveryState) =>
  send<{ deliveries: WebhookDeliveryView[] }>(
    token,
    'GET',
    `/api/webhooks/${enc(id)}/deliveries${status ? `?status=${status}` : ''}`,
  );
export const redeliver = (token: string, id: string, deliveryId: string) =>
  send<unknown>(token, 'POST', `/api/webhooks/${enc(id)}/deliveries/${enc(deliveryId)}/redeliver`);
