// REST calls of "Alertas" (/api/alerts, workers/routes/alerts.ts) through the client's one fetch wrapper.
import type { AlertListResponse, AlertView } from '../../../../workers/contract/alerts';
import { sendJson as send } from '../../api';

export const listAlerts = (token: string, state: 'open' | 'all', limit = 50) =>
  send<AlertListResponse>(token, 'GET', `/api/alerts?state=${state}&limit=${limit}`);
export const acknowledgeAlert = (token: string, id: string) =>
  send<{ alert: AlertView }>(token, 'POST', `/api/alerts/${encodeURIComponent(id)}/acknowledge`);
