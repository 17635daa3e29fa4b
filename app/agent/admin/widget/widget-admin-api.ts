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
import { sendJson as send } from '../../api';

type Body<S extends z.ZodType> = z.input<S>;

/** A create or an update answers the channel as now stored: `{channel}`, like POST /api/channels. */
type ChannelAnswer = { channel: WidgetChannelView };

export const listWidgetChannels = (token: string) =>
  send<z.infer<typeof WidgetChannelsResponse>>(token, 'GET', '/api/widget-channels');

export const createWidgetChannel = async (token: string, body: Body<typeof CreateWidgetChannelRequest>) =>
  (await send<ChannelAnswer>(token, 'POST', '/api/widget-channels', body)).channel;

export const updateWidgetChannel = async (
  token: string,
  id: string,
  body: Body<typeof UpdateWidgetChannelRequest>,
) =>
  (await send<ChannelAnswer>(token, 'PATCH', `/api/widget-channels/${encodeURIComponent(id)}`, body)).channel;

/** Replaces the channel's identity secret; the answer is the only time the new one is seen. */
export const rotateIdentitySecret = (token: string, id: string) =>
  send<z.infer<typeof IdentitySecretResponse>>(
    token,
    'POST',
    `/api/channels/${encodeURIComponent(id)}/identity-secret`,
  );
