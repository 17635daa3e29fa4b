// The demo host site ("Provedor Demo"): a fake ISP home page with aggressive CSS, a strict CSP and scripts
// of its own, embedding the widget with the snippet an ISP pastes. Served on TWO ports by one handler: the
// allowed site (on the demo widget channel's allowed origins) and a "stranger" copy whose origin is not, so
// anyone can see the refusal. `/portal` plays the ISP's customer portal: its server signs an identity token.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { hostPageCsp } from './csp';
import { signPortalToken } from './identity';

const SITE = join(import.meta.dirname, 'site');

export interface WidgetHostOptions {
  /** Fio's origin (the Worker), where widget.js, the config and the frame come from. */
  fioOrigin: string;
  channelId: string;
  /** The demo channel's identity secret, for /portal (null: the portal says none is set). */
  identitySecret?: string | null;
  port?: number;
  strangerPort?: number;
}

export interface WidgetHost {
  /** The allowed "Provedor Demo" site. */
  url: string;
  /** The same page on an origin not on the channel's list. */
  strangerUrl: string;
  channelId: string;
  /** A secret rotated after start (tests that rotate it through the admin API hand it over here). */
  setIdentitySecret(secret: string | null): void;
  stop(): Promise<void>;
}

const STATIC: Record<string, string> = {
  '/site.css': 'text/css; charset=utf-8',
  '/site.js': 'text/javascript; charset=utf-8',
  '/portal.js': 'text/javascript; charset=utf-8',
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(name: string, vars: Record<string, string>): string {
  let html = readFileSync(join(SITE, name), 'utf8');
  // The page's language (?lang=en): the widget follows <html lang>.
  if (vars.LANG === 'en') html = html.replace('<html lang="pt-BR">', '<html lang="en">');
  return html.replace(/\{\{(\w+)\}\}/g, (_, key: string) => escapeHtml(vars[key] ?? ''));
}

export async function startWidgetHost(opts: WidgetHostOptions): Promise<WidgetHost> {
  let identitySecret = opts.identitySecret ?? null;
  const csp = hostPageCsp(opts.fioOrigin);

  async function handle(req: IncomingMessage, res: ServerResponse, siteName: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://host');
    const headers = {
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    const type = STATIC[url.pathname];
    if (type) {
      res.writeHead(200, { ...headers, 'content-type': type }).end(readFileSync(join(SITE, url.pathname)));
      return;
    }
    const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'pt-BR';
    const vars = { FIO_ORIGIN: opts.fioOrigin, CHANNEL_ID: opts.channelId, LANG: lang, SITE_NAME: siteName };
    if (url.pathname === '/') {
      res
        .writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' })
        .end(page('index.html', vars));
      return;
    }
    if (url.pathname === '/portal') {
      const token = identitySecret ? await signPortalToken(identitySecret) : '';
      res
        .writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' })
        .end(page('portal.html', { ...vars, TOKEN: token }));
      return;
    }
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('Não encontrado');
  }

  const listen = (port: number, siteName: string) =>
    new Promise<Server>((resolve, reject) => {
      const server = createServer((req, res) => {
        handle(req, res, siteName).catch(() => {
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve(server));
    });
  const allowed = await listen(opts.port ?? 0, 'Provedor Demo');
  let stranger: Server;
  try {
    stranger = await listen(opts.strangerPort ?? 0, 'Site Estranho');
  } catch (err) {
    allowed.close();
    throw err;
  }
  // `localhost`, not 127.0.0.1: the Worker is on 127.0.0.1, so the demo site is another site (not only another
  // origin), as an ISP's site is: the widget's iframe runs as a third-party frame.
  const at = (s: Server) => `http://localhost:${(s.address() as AddressInfo).port}`;
  const close = (s: Server) =>
    new Promise<void>((resolve) => {
      s.closeAllConnections();
      s.close(() => resolve());
    });
  return {
    url: at(allowed),
    strangerUrl: at(stranger),
    channelId: opts.channelId,
    setIdentitySecret(secret) {
      identitySecret = secret;
    },
    stop: async () => {
      await Promise.all([close(allowed), close(stranger)]);
    },
  };
}
