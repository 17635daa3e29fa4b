// REST calls of the widget screen, through the client's one fetch wrapper: the tenant's widget channels
// (list, create, change) and a new identity secret (shown once). Shapes come from the contract.
import type { z } from 'zod';
import type {
  CreateWidgetChannelRequest,
  IdentitySecretResponse,
  UpdateWidgetChannelRequest,
  WidgetChannelsResponse,
  WidgetChannelView,
} from '../../../../workers/contract';
import { request } from '../../api';

type Body<S extends z.ZodType> = z.input<S>;

function send<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  return request<T>(path, { method, token, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

/** The view a create or update answers: `{channel}` like POST /api/channels, or the view itself. */
function viewOf(body: { channel: WidgetChannelView } | WidgetChannelView): WidgetChannelView {
  return 'channel' in body ? body.channel : body;
}

export const listWidgetChannels = (token: string) =>
  send<z.infer<typeof WidgetChannelsResponse>>(token, 'GET', '/api/widget-channels');

export const createWidgetChannel = async (token: string, body: Body<typeof CreateWidgetChannelRequest>) =>
  viewOf(await send(token, 'POST', '/api/widget-channels', body));

export const updateWidgetChannel = async (
  token: string,
  id: string,
  body: Body<typeof UpdateWidgetChannelRequest>,
) => viewOf(await send(token, 'PATCH', `/api/widget-channels/${encodeURIComponent(id)}`, body));

/** Replaces the channel's identity secret; the answer is the only time the new one is seen. */
export const rotateIdentitySecret = (token: string, id: string) =>
  send<z.infer<typeof IdentitySecretResponse>>(
    token,
    'POST',
    `/api/channels/${encodeURIComponent(id)}/identity-secret`,
  );
