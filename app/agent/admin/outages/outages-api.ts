// REST calls of "Quedas e manutenções" (/api/outages, built by the outages server part), through the client's
// one fetch wrapper; shapes come from the contract.
import type { z } from 'zod';
import type {
  CreateOutageRequest,
  OutageState,
  OutageView,
  ResolveOutageRequest,
} from '../../../../workers/contract/outages';
import { sendJson as send } from '../../api';

type Body<S extends z.ZodType> = z.input<S>;
const enc = encodeURIComponent;

export const listOutages = (token: string, state?: OutageState) =>
  send<{ outages: OutageView[] }>(token, 'GET', state ? `/api/outages?state=${state}` : '/api/outages');
export const createOutage = (token: string, body: Body<typeof CreateOutageRequest>) =>
  send<{ outage: OutageView }>(token, 'POST', '/api/outages', body);
export const resolveOutage = (token: string, id: string, body: Body<typeof ResolveOutageRequest>) =>
  send<{ outage: OutageView }>(token, 'POST', `/api/outages/${enc(id)}/resolve`, body);
