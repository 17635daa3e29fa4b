// What a route answers, as a value (so the server can record the status and apply faults uniformly), and the
// HTML pages real ERPs send where an API caller expects JSON: IXC's PHP error page, SGP's Django login page.
import type { ServerResponse } from 'node:http';

export type Answer =
  | { status: number; kind: 'json'; body: unknown }
  | { status: number; kind: 'html'; body: string }
  | { status: number; kind: 'bytes'; body: Buffer; contentType: string };

export const json = (body: unknown, status = 200): Answer => ({ status, kind: 'json', body });
export const html = (body: string, status = 200): Answer => ({ status, kind: 'html', body });

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

/** IXC answers a wrong token or a query it cannot run with an HTML page, not JSON. */
export const ixcErrorPage = (message: string, status = 200) =>
  html(page('IXC Provedor - Erro', `<h1>Erro</h1><p>${message}</p><hr><small>IXCSoft</small>`), status);

/** SGP answers a request with a wrong token with its login page (after a redirect, so with a 200). */
export const sgpLoginPage = () =>
  html(
    page(
      'SGP - Login',
      '<form method="post" action="/accounts/login/"><input name="username"><input name="password" type="password"><button>Entrar</button></form>',
    ),
  );

export const notFoundPage = () =>
  html(
    page('Not Found', '<h1>Not Found</h1><p>The requested resource was not found on this server.</p>'),
    404,
  );

/** The generic 500 a failing ERP behind a proxy shows. */
export const serverErrorPage = () =>
  html(page('500 Internal Server Error', '<h1>Internal Server Error</h1><p>nginx</p>'), 500);

export function send(res: ServerResponse, answer: Answer): void {
  if (answer.kind === 'bytes') {
    res.writeHead(answer.status, {
      'content-type': answer.contentType,
      'content-length': answer.body.length,
    });
    res.end(answer.body);
    return;
  }
  const text = answer.kind === 'json' ? JSON.stringify(answer.body) : answer.body;
  res.writeHead(answer.status, {
    'content-type': answer.kind === 'json' ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
