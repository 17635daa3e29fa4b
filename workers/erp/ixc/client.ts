// IXC's webservice calls: `listar` listings (POST with the `ixcsoft: listar` header and {qtype, query, oper,
// page, rp, sortname, sortorder, grid_param}) and plain POST actions/inserts, both with Basic auth of
// "<userId>:<token>". Bodies are JSON with string values, as IXC's own clients send them.
import type { z } from 'zod';
import { trimBase } from '../../channels/http';
import { failure } from '../failures';
import type { ErpConnectionConfig, ErpFailure } from '../tools';
import { type Answer, type ErpHttp, erpHttp, type Retry, request } from '../transport';
import { listAnswer } from './schemas';

export interface IxcClient {
  erp: ErpHttp;
  url: (table: string) => string;
  auth: string;
}

export function ixcClient(config: ErpConnectionConfig): IxcClient {
  const user = config.credentials.user ?? '';
  const token = config.credentials.token ?? '';
  return {
    erp: erpHttp(config),
    url: (table) => `${trimBase(config.baseUrl)}/webservice/v1/${table}`,
    auth: `Basic ${btoa(`${user}:${token}`)}`,
  };
}

export interface ListQuery {
  qtype: string;
  query: string;
  oper?: '=' | 'L' | '>' | '<' | '>=' | '<=' | '!=';
  rp?: number;
  sortname?: string;
  sortorder?: 'asc' | 'desc';
  grid?: { TB: string; OP: string; P: string }[];
}

type Listed<T> = { ok: true; total: number; rows: T[] } | { ok: false; error: ErpFailure };

/** A listing of `table` (a read: retried once on timeout / 5xx). Missing `registros` is an empty list. */
export async function list<T extends z.ZodType>(
  client: IxcClient,
  table: string,
  q: ListQuery,
  row: T,
): Promise<Listed<z.output<T>>> {
  const body = {
    qtype: q.qtype,
    query: q.query,
    oper: q.oper ?? '=',
    page: '1',
    rp: String(q.rp ?? 20),
    sortname: q.sortname ?? `${table}.id`,
    sortorder: q.sortorder ?? 'asc',
    ...(q.grid ? { grid_param: JSON.stringify(q.grid) } : {}),
  };
  const answer = await request(
    client.erp,
    table,
    client.url(table),
    {
      method: 'POST',
      headers: { authorization: client.auth, 'content-type': 'application/json', ixcsoft: 'listar' },
      body: JSON.stringify(body),
    },
    'read',
  );
  if (!answer.ok) return answer;
  const parsed = answer.body.kind === 'json' ? listAnswer(row).safeParse(answer.body.value) : null;
  if (!parsed?.success)
    return {
      ok: false,
      error: failure('erp_unavailable', `ixc ${table}: unexpected answer (not a listing)`),
    };
  return { ok: true, total: parsed.data.total, rows: parsed.data.rows };
}

/** A POST action or insert; `retry` says whether it may be sent twice. */
export function post(
  client: IxcClient,
  table: string,
  body: Record<string, string>,
  retry: Retry,
): Promise<Answer> {
  return request(
    client.erp,
    table,
    client.url(table),
    {
      method: 'POST',
      headers: { authorization: client.auth, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
    retry,
  );
}
