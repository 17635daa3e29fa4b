// REST calls of the campaign screens (/api/campaigns…, /api/opt-outs, a number's messaging tier), through the
// client's one fetch wrapper; request and response shapes come from the campaigns contract.
import type { z } from 'zod';
import type {
  AudienceFilter,
  AudiencePreview,
  CampaignKind,
  CampaignView,
  CreateCampaignRequest,
  ImportReport,
  ImportResponse,
  MessagingTier,
  OptOutCategory,
  OptOutView,
  RecipientPage,
  RecipientState,
} from '../../../../workers/contract/campaigns';
import { ApiError, authorizedFetch, sendJson as send } from '../../api';

const enc = encodeURIComponent;
const one = async (p: Promise<{ campaign: CampaignView }>) => (await p).campaign;

export const listCampaigns = async (token: string) =>
  (await send<{ campaigns: CampaignView[] }>(token, 'GET', '/api/campaigns')).campaigns;
export const getCampaign = (token: string, id: string) =>
  one(send(token, 'GET', `/api/campaigns/${enc(id)}`));
export const createCampaign = (token: string, body: z.input<typeof CreateCampaignRequest>) =>
  one(send(token, 'POST', '/api/campaigns', body));
export const deleteCampaign = (token: string, id: string) =>
  send<unknown>(token, 'DELETE', `/api/campaigns/${enc(id)}`);

export type CampaignAction = 'start' | 'pause' | 'resume' | 'cancel';
export const controlCampaign = (token: string, id: string, action: CampaignAction) =>
  one(send(token, 'POST', `/api/campaigns/${enc(id)}/${action}`));

/** How many contacts a filter reaches now (the wizard's live count). */
export const previewAudience = (token: string, filter: AudienceFilter | null, kind: CampaignKind) =>
  send<AudiencePreview>(token, 'POST', '/api/campaigns/preview-audience', { filter, kind });

/** One page of a campaign's recipients, optionally in one state. */
export const listRecipients = (token: string, id: string, state: RecipientState | null, cursor?: string) => {
  const q = new URLSearchParams();
  if (state) q.set('state', state);
  if (cursor) q.set('cursor', cursor);
  return send<RecipientPage>(token, 'GET', `/api/campaigns/${enc(id)}/recipients?${q}`);
};

/** Sends a CSV as it is (text/csv); the answer is the per-line report. A file with no valid line is refused. */
export async function importCsv(token: string, id: string, csv: Blob): Promise<ImportReport> {
  const res = await authorizedFetch(
    `/api/campaigns/${enc(id)}/recipients`,
    { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv },
    token,
  );
  return ((await parsed(res)) as ImportResponse).report;
}

/** The results as CSV, fetched with the bearer token and saved as a file (a plain link would carry no token). */
export async function downloadExport(token: string, id: string, fileName: string): Promise<void> {
  const res = await authorizedFetch(`/api/campaigns/${enc(id)}/export.csv`, { method: 'GET' }, token);
  if (!res.ok) await parsed(res);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function parsed(res: Response): Promise<unknown> {
  const body = (await res.json().catch(() => null)) as {
    error?: { code: string; message: string; details?: unknown };
  } | null;
  if (res.ok) return body;
  const e = body?.error;
  throw new ApiError(res.status, e?.code ?? 'internal', e?.message ?? res.statusText, e?.details);
}

export const listOptOuts = (token: string, q: { phone?: string; category?: OptOutCategory | '' }) => {
  const query = new URLSearchParams();
  if (q.phone) query.set('q', q.phone);
  if (q.category) query.set('category', q.category);
  return send<{ optOuts: OptOutView[]; nextCursor?: string | null }>(token, 'GET', `/api/opt-outs?${query}`);
};
export const addOptOut = (token: string, body: { phone: string; category: OptOutCategory }) =>
  send<{ phone: string; category: OptOutCategory; created: boolean }>(token, 'POST', '/api/opt-outs', body);
export const removeOptOut = (token: string, body: { phone: string; category: OptOutCategory }) =>
  send<unknown>(
    token,
    'DELETE',
    `/api/opt-outs/${enc(body.phone)}?${new URLSearchParams({ category: body.category })}`,
  );

/** A WhatsApp number's Meta messaging tier (how many unique contacts a day it may start conversations with). */
export const setMessagingTier = (token: string, channelId: string, messagingTier: MessagingTier) =>
  send<unknown>(token, 'PATCH', `/api/channels/${enc(channelId)}`, { messagingTier });
