// SGP's URA API: POST `/api/ura/<route>/` with `token` and `app` in a form-urlencoded body (what SGP
// accepts on every route; JSON only on some). A wrong token gets the HTML login page (transport.ts).
import { trimBase } from '../../channels/http';
import type { ErpConnectionConfig } from '../tools';
import { type Answer, type ErpHttp, erpHttp, type Retry, request } from '../transport';

export interface SgpClient {
  erp: ErpHttp;
  base: string;
  auth: { token: string; app: string };
}

export function sgpClient(config: ErpConnectionConfig): SgpClient {
  return {
    erp: erpHttp(config),
    base: trimBase(config.baseUrl),
    auth: { token: config.credentials.token ?? '', app: config.credentials.app ?? '' },
  };
}

export function post(
  client: SgpClient,
  route: string,
  fields: Record<string, string>,
  retry: Retry,
): Promise<Answer> {
  const body = new URLSearchParams({ ...client.auth, ...fields });
  return request(
    client.erp,
    route.replace(/\/\d+$/, ''),
    `${client.base}/api/ura/${route}/`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    },
    retry,
  );
}

/** A public link SGP handed out (the invoice PDF): GET on the ERP's own origin only (egress). */
export function download(client: SgpClient, url: string): Promise<Answer> {
  return request(client.erp, 'boleto', url, { method: 'GET' }, 'read', true);
}

/** The JSON value of a successful answer, or null (text where JSON was expected). */
export const jsonOf = (answer: Extract<Answer, { ok: true }>): unknown =>
  answer.body.kind === 'json' ? answer.body.value : null;
