// The control API under /_sim/ (and the dev page at /): lets the dev page and tests in other processes
// register numbers, inject faults, play the customer and read what the product sent.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { sendInbound, sendStatuses } from './cloud-inbound';
import type { SimContext } from './context';
import {
  describeIssues,
  FaultsBody,
  GatewayBody,
  InboundBody,
  NumberBody,
  StatusesBody,
  TapBody,
} from './control-schemas';
import { customerTap, TapError } from './customer-tap';
import { DEV_PAGE } from './dev-page';
import { digits, readJson, sendJson } from './http';
import { UnknownNumberError } from './meta-webhooks';
import { routeNumberBan } from './number-ban';
import { routeSessions } from './session-routes';
import { WorkerNotSetError } from './worker-client';

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

/** Parses the JSON body with `schema`, answering 400 validation_failed when it does not fit. */
async function parse<T extends z.ZodType>(
  req: IncomingMessage,
  res: ServerResponse,
  schema: T,
): Promise<z.infer<T> | null> {
  const json = await readJson(req);
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  fail(res, 400, 'validation_failed', json === undefined ? 'body is not JSON' : describeIssues(parsed.error));
  return null;
}

/** Worker-facing calls fail on our input (unknown number), a missing worker URL or an unreachable worker. */
async function relay(res: ServerResponse, work: () => Promise<unknown>): Promise<void> {
  try {
    sendJson(res, 200, await work());
  } catch (err) {
    if (err instanceof UnknownNumberError) return fail(res, 400, 'unknown_number', err.message);
    if (err instanceof TapError) return fail(res, 400, 'cannot_tap', err.message);
    if (err instanceof WorkerNotSetError) return fail(res, 409, 'worker_not_set', err.message);
    fail(res, 502, 'worker_unreachable', err instanceof Error ? err.message : String(err));
  }
}

function filterOf(url: URL): { address?: string; to?: string } {
  const address = url.searchParams.get('address') || undefined;
  const to = url.searchParams.get('to') || undefined;
  return { ...(address ? { address } : {}), ...(to ? { to } : {}) };
}

function numbers(ctx: SimContext): unknown {
  const list = [...ctx.state.numbers.values()].map(({ accessToken: _secret, ...n }) => n);
  return { numbers: list, autoStatuses: ctx.autoStatuses, workerUrl: ctx.workerUrl };
}

export async function routeControl(
  ctx: SimContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const route = `${req.method ?? 'GET'} ${url.pathname.replace(/\/+$/, '') || '/'}`;
  if (url.pathname.startsWith('/_sim/sessions')) return routeSessions(ctx, req, res, url);
  switch (route) {
    case 'GET /': {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return void res.end(DEV_PAGE);
    }
    case 'POST /_sim/reset':
      ctx.state.reset();
      return sendJson(res, 200, { ok: true });
    case 'POST /_sim/faults': {
      const body = await parse(req, res, FaultsBody);
      if (body) ctx.state.faults.push(body.target, body.faults, body.address, body.to);
      return body ? sendJson(res, 200, { ok: true }) : undefined;
    }
    case 'GET /_sim/sent':
      return sendJson(res, 200, { sent: ctx.state.sent(filterOf(url)) });
    case 'GET /_sim/attempts':
      return sendJson(res, 200, { attempts: ctx.state.attempts(filterOf(url)) });
    case 'GET /_sim/inbound': {
      const { address, to } = filterOf(url);
      const log = ctx.state.inboundLog.filter(
        (m) => (!address || m.address === address) && (!to || m.from === digits(to)),
      );
      return sendJson(res, 200, { inbound: log });
    }
    case 'POST /_sim/inbound': {
      const body = await parse(req, res, InboundBody);
      return body ? relay(res, () => sendInbound(ctx, body)) : undefined;
    }
    case 'POST /_sim/tap': {
      const body = await parse(req, res, TapBody);
      return body ? relay(res, () => customerTap(ctx, body)) : undefined;
    }
    case 'POST /_sim/statuses': {
      const body = await parse(req, res, StatusesBody);
      return body ? relay(res, () => sendStatuses(ctx, body.phoneNumberId, body.updates)) : undefined;
    }
    case 'GET /_sim/numbers':
      return sendJson(res, 200, numbers(ctx));
    case 'POST /_sim/numbers': {
      const body = await parse(req, res, NumberBody);
      if (body) ctx.state.registerNumber(body);
      return body ? sendJson(res, 200, { ok: true }) : undefined;
    }
    case 'POST /_sim/gateways': {
      const body = await parse(req, res, GatewayBody);
      if (body) ctx.state.registerGateway(body);
      return body ? sendJson(res, 200, { ok: true }) : undefined;
    }
    default:
      if (await routeNumberBan(ctx, res, route)) return;
      return fail(res, 404, 'not_found', `no control route ${route}`);
  }
}
