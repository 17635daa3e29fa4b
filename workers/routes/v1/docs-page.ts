// /api/v1/docs: the API reference as one server-rendered page generated from the OpenAPI document, so it works
// offline and under a strict CSP (no script at all; one inline stylesheet allowed by its hash). Operations are
// grouped by tag, each with its parameters, body fields, answers and a curl line. Headings pt-BR · English.
type Json = Record<string, unknown>;

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const STYLE = `
:root{--ink:#0f172a;--muted:#475569;--line:#e2e8f0;--bg:#f8fafc;--brand:#0e7490;--get:#15803d;--post:#1d4ed8;--put:#a16207;--delete:#b91c1c}
*{box-sizing:border-box}body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header{background:#fff;border-bottom:1px solid var(--line);padding:24px 32px}header h1{margin:0;font-size:22px}
header p{margin:6px 0 0;color:var(--muted)}.wrap{display:grid;grid-template-columns:260px 1fr;gap:32px;padding:24px 32px;max-width:1280px}
nav{position:sticky;top:16px;align-self:start}nav h2{font-size:12px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:16px 0 6px}
nav a{display:block;color:var(--ink);text-decoration:none;padding:3px 6px;border-radius:6px;font-size:14px}nav a:hover,nav a:focus{background:#e0f2fe;outline:none}
section.tag>h2{font-size:18px;margin:24px 0 12px}article{background:#fff;border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin:0 0 16px}
article h3{margin:0 0 4px;font-size:16px;display:flex;gap:10px;align-items:center;flex-wrap:wrap}code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px}
.m{display:inline-block;min-width:58px;text-align:center;color:#fff;border-radius:6px;padding:2px 8px;font-size:12px;font-weight:700}
.m.get{background:var(--get)}.m.post{background:var(--post)}.m.put{background:var(--put)}.m.delete{background:var(--delete)}
.scope{font-size:12px;color:var(--brand);border:1px solid #a5f3fc;border-radius:999px;padding:1px 8px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{text-align:left;border-top:1px solid var(--line);padding:6px 8px;vertical-align:top;font-size:14px}
th{color:var(--muted);font-weight:600;font-size:12px}pre{background:#0f172a;color:#e2e8f0;padding:12px;border-radius:8px;overflow:auto}
h4{margin:14px 0 4px;font-size:13px;color:var(--muted)}p.d{margin:4px 0 8px;color:var(--muted)}a.skip{position:absolute;left:-999px}a.skip:focus{left:8px;top:8px;background:#fff;padding:6px}
@media (max-width:800px){.wrap{grid-template-columns:1fr}nav{position:static}}
`;

let styleHash: Promise<string> | null = null;
/** The CSP source for the one inline stylesheet. */
export function styleSource(): Promise<string> {
  styleHash ??= crypto.subtle
    .digest('SHA-256', new TextEncoder().encode(STYLE))
    .then((d) => `'sha256-${btoa(String.fromCharCode(...new Uint8Array(d)))}'`);
  return styleHash;
}

/** A schema's fields as rows: name, type, required, description (one level; nested objects say "object"). */
function fields(schema: Json | undefined): string {
  const props = (schema?.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema?.required as string[] | undefined) ?? []);
  const names = Object.keys(props);
  if (names.length === 0) return '';
  const rows = names
    .map((n) => {
      const p = props[n] ?? {};
      const type = p.type ?? (p.enum ? 'enum' : p.anyOf || p.oneOf ? 'one of' : p.$ref ? 'object' : '');
      const values = Array.isArray(p.enum) ? ` (${(p.enum as unknown[]).map(esc).join(', ')})` : '';
      return `<tr><td><code>${esc(n)}</code></td><td>${esc(Array.isArray(type) ? type.join(' | ') : type)}${values}</td><td>${required.has(n) ? 'sim · yes' : ''}</td><td>${esc(p.description)}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th>campo · field</th><th>tipo · type</th><th>obrigatório · required</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}

function operation(method: string, path: string, op: Json): string {
  const id = esc(op.operationId ?? `${method}-${path}`);
  const params = ((op.parameters as Json[] | undefined) ?? [])
    .map(
      (p) =>
        `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'sim · yes' : ''}</td><td>${esc((p.schema as Json | undefined)?.type)}</td></tr>`,
    )
    .join('');
  const body = ((op.requestBody as Json | undefined)?.content as Json | undefined)?.['application/json'] as
    | Json
    | undefined;
  const responses = Object.entries((op.responses ?? {}) as Record<string, Json>)
    .map(([code, r]) => `<tr><td><code>${esc(code)}</code></td><td>${esc(r.description)}</td></tr>`)
    .join('');
  const curlBody = body ? ` \\\n  -H 'Content-Type: application/json' -d '{…}'` : '';
  const curl = `curl -X ${method.toUpperCase()} "$FIO/api/v1${esc(path.replace(/^\/api\/v1/, ''))}" \\\n  -H "Authorization: Bearer $FIO_API_KEY"${curlBody}`;
  return `<article id="${id}" aria-labelledby="${id}-h"><h3 id="${id}-h"><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span><code>${esc(path)}</code></h3>
<p>${esc(op.summary)}</p>${op.description ? `<p class="d">${esc(op.description)}</p>` : ''}
${params ? `<h4>Parâmetros · Parameters</h4><table><thead><tr><th>nome · name</th><th>onde · in</th><th>obrigatório · required</th><th>tipo · type</th></tr></thead><tbody>${params}</tbody></table>` : ''}
${body ? `<h4>Corpo · Body</h4>${fields(body.schema as Json)}` : ''}
<h4>Respostas · Responses</h4><table><tbody>${responses}</tbody></table>
<h4>Exemplo · Example</h4><pre>${curl}</pre></article>`;
}

/** The whole page for this document. */
export function renderDocsPage(doc: Json): string {
  const info = (doc.info ?? {}) as Json;
  const byTag = new Map<string, string[]>();
  const nav = new Map<string, string[]>();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const [method, op] of Object.entries(item) as [string, Json][]) {
      const tag = ((op.tags as string[] | undefined) ?? ['API'])[0] ?? 'API';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operation(method, path, op)]);
      const id = esc(op.operationId ?? `${method}-${path}`);
      nav.set(tag, [
        ...(nav.get(tag) ?? []),
        `<a href="#${id}">${esc(method.toUpperCase())} ${esc(path.replace(/^\/api\/v1/, ''))}</a>`,
      ]);
    }
  }
  const sections = [...byTag]
    .map(
      ([tag, ops]) =>
        `<section class="tag" aria-label="${esc(tag)}"><h2>${esc(tag)}</h2>${ops.join('')}</section>`,
    )
    .join('');
  const menu = [...nav].map(([tag, links]) => `<h2>${esc(tag)}</h2>${links.join('')}`).join('');
  return `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(info.title)} · referência</title><style>${STYLE}</style></head><body><a class="skip" href="#main">Ir para o conteúdo · Skip to content</a>
<header><h1>${esc(info.title)} <small>v${esc(info.version)}</small></h1><p>${esc(info.description)}</p>
<p>Documento OpenAPI · OpenAPI document: <a href="/api/v1/openapi.json"><code>/api/v1/openapi.json</code></a></p></header>
<div class="wrap"><nav aria-label="Operações · Operations">${menu}</nav><main id="main">${sections}</main></div></body></html>`;
}
