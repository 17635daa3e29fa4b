// `npm run tenant -- <command>`: the platform operator's command line for tenants, a client of the operator
// API (/api/operator/tenants). Talks to --url / FIO_URL (default the dev Worker) with OPERATOR_TOKEN (or the
// dev stack's token file). Prints pt-BR (English with --lang en or LANG=en*), or JSON with --json.
// Exit codes: 0 done, 1 refused by the API (its message printed), 2 bad usage.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

type Lang = 'pt' | 'en';

const HELP: Record<Lang, string> = {
  pt: `Uso: npm run tenant -- <comando> [opções]

Comandos:
  create --name <nome> --admin-email <e-mail> [--admin-name <nome>] [--slug <slug>]
         [--timezone <zona>] [--locale pt-BR|en]     cria a organização e mostra o link de convite
  list                                                lista as organizações
  show <id|slug>                                      mostra uma organização
  suspend <id|slug> [--reason <motivo>]               suspende (entradas, sockets e webhooks recusados)
  reactivate <id|slug>                                reativa
  delete <id|slug> --confirm <slug>                   apaga para sempre (repita o slug)

Opções: --url <url> (FIO_URL; padrão http://127.0.0.1:8787), --json, --lang pt|en, --help
Token: OPERATOR_TOKEN, ou o arquivo operator-token do ambiente de dev (.fio/dev).
Códigos de saída: 0 ok, 1 recusado pela API, 2 uso incorreto.`,
  en: `Usage: npm run tenant -- <command> [options]

Commands:
  create --name <name> --admin-email <email> [--admin-name <name>] [--slug <slug>]
         [--timezone <zone>] [--locale pt-BR|en]    creates the tenant and prints the invite link
  list                                               lists tenants
  show <id|slug>                                     shows one tenant
  suspend <id|slug> [--reason <reason>]              suspends (sign-ins, sockets and webhooks refused)
  reactivate <id|slug>                               reactivates
  delete <id|slug> --confirm <slug>                  deletes for ever (repeat the slug)

Options: --url <url> (FIO_URL; default http://127.0.0.1:8787), --json, --lang pt|en, --help
Token: OPERATOR_TOKEN, or the dev stack's operator-token file (.fio/dev).
Exit codes: 0 ok, 1 refused by the API, 2 bad usage.`,
};

const WORDS = {
  pt: {
    created: 'Organização criada',
    invite: 'Link de convite do primeiro administrador (válido até',
    mailSent: 'O convite também foi enviado por e-mail para',
    mailFailed: 'O e-mail do convite NÃO foi enviado; entregue o link acima a',
    none: 'Nenhuma organização.',
    suspended: 'Organização suspensa',
    reactivated: 'Organização reativada',
    deleted: 'Organização apagada',
    rows: 'linhas',
    files: 'arquivos',
    objects: 'objetos limpos',
    failedObjects: 'objetos não limpos (chame delete de novo)',
    refused: 'Recusado',
    noToken:
      'Sem token do operador: defina OPERATOR_TOKEN (ou rode npm run dev, que grava .fio/dev/operator-token).',
    unreachable: 'Não foi possível falar com',
    headers: ['ID', 'SLUG', 'NOME', 'SITUAÇÃO', 'USUÁRIOS', 'CONVERSAS', 'ÚLTIMA ATIVIDADE', 'CRIADA EM'],
    status: { active: 'ativa', suspended: 'suspensa' },
  },
  en: {
    created: 'Tenant created',
    invite: "First admin's invite link (valid until",
    mailSent: 'The invitation was also e-mailed to',
    mailFailed: 'The invitation e-mail was NOT sent; hand the link above to',
    none: 'No tenants.',
    suspended: 'Tenant suspended',
    reactivated: 'Tenant reactivated',
    deleted: 'Tenant deleted',
    rows: 'rows',
    files: 'files',
    objects: 'objects wiped',
    failedObjects: 'objects not wiped (call delete again)',
    refused: 'Refused',
    noToken:
      'No operator token: set OPERATOR_TOKEN (or run npm run dev, which writes .fio/dev/operator-token).',
    unreachable: 'Could not reach',
    headers: ['ID', 'SLUG', 'NAME', 'STATUS', 'USERS', 'CONVERSATIONS', 'LAST ACTIVITY', 'CREATED'],
    status: { active: 'active', suspended: 'suspended' },
  },
} as const;

interface Tenant {
  id: string;
  slug: string;
  name: string;
  status: 'active' | 'suspended';
  users: number;
  conversations: number;
  lastActivityAt: string | null;
  createdAt: string;
  suspendedAt: string | null;
}

class Usage extends Error {}
class Refused extends Error {}

const { values: opts, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        slug: { type: 'string' },
        'admin-email': { type: 'string' },
        'admin-name': { type: 'string' },
        timezone: { type: 'string' },
        locale: { type: 'string' },
        reason: { type: 'string' },
        confirm: { type: 'string' },
        url: { type: 'string' },
        json: { type: 'boolean', default: false },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    console.error((err as Error).message);
    console.error(HELP.pt);
    process.exit(2);
  }
})();

const lang: Lang = (opts.lang ?? process.env.LANG ?? 'pt').toLowerCase().startsWith('en') ? 'en' : 'pt';
const w = WORDS[lang];
const baseUrl = (opts.url ?? process.env.FIO_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '');

function operatorToken(): string {
  if (process.env.OPERATOR_TOKEN) return process.env.OPERATOR_TOKEN;
  const file = join(resolve(process.env.FIO_DATA_DIR ?? '.fio/dev'), 'operator-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new Refused(w.noToken);
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${baseUrl}/api/operator/tenants${path}`, {
      method,
      headers: {
        authorization: `Bearer ${operatorToken()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new Refused(`${w.unreachable} ${baseUrl}: ${(err as Error).message}`);
  }
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const error = (parsed as { error?: { code: string; message: string; details?: unknown } } | null)?.error;
    const details = Array.isArray(error?.details)
      ? (error.details as { path: string; message: string }[])
          .map((d) => `\n  ${d.path}: ${d.message}`)
          .join('')
      : '';
    throw new Refused(
      `${w.refused} (${res.status} ${error?.code ?? ''}): ${error?.message ?? text}${details}`,
    );
  }
  return parsed as T;
}

/** An id as is; a slug looked up in the list. */
async function resolveId(ref: string | undefined): Promise<Tenant> {
  if (!ref) throw new Usage('id|slug?');
  if (/^[0-9a-f-]{36}$/.test(ref)) return request<Tenant>('GET', `/${ref}`);
  const { tenants } = await request<{ tenants: Tenant[] }>('GET', '');
  const found = tenants.find((t) => t.slug === ref);
  if (!found) throw new Refused(`${w.refused} (404 not_found): ${ref}`);
  return found;
}

const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function describe(t: Tenant): string {
  return table([
    [...w.headers],
    [
      t.id,
      t.slug,
      t.name,
      w.status[t.status],
      String(t.users),
      String(t.conversations),
      day(t.lastActivityAt),
      day(t.createdAt),
    ],
  ]);
}

function print(json: unknown, text: string): void {
  console.log(opts.json ? JSON.stringify(json, null, 2) : text);
}

async function main(): Promise<void> {
  const [command, ref] = positionals;
  if (opts.help || !command) {
    console.log(HELP[lang]);
    if (!command && !opts.help) process.exitCode = 2;
    return;
  }
  switch (command) {
    case 'create': {
      if (!opts.name || !opts['admin-email']) throw new Usage('--name, --admin-email');
      const res = await request<{
        tenant: Tenant;
        admin: { email: string };
        invitation: { url: string; expiresAt: string; mail: 'sent' | 'failed' };
      }>('POST', '', {
        name: opts.name,
        adminEmail: opts['admin-email'],
        ...(opts['admin-name'] ? { adminName: opts['admin-name'] } : {}),
        ...(opts.slug ? { slug: opts.slug } : {}),
        ...(opts.timezone ? { timezone: opts.timezone } : {}),
        ...(opts.locale ? { locale: opts.locale } : {}),
      });
      const mail = res.invitation.mail === 'sent' ? w.mailSent : w.mailFailed;
      print(
        res,
        `${w.created}: ${res.tenant.name} (${res.tenant.slug}, ${res.tenant.id})\n${w.invite} ${day(res.invitation.expiresAt)}):\n  ${res.invitation.url}\n${mail} ${res.admin.email}`,
      );
      return;
    }
    case 'list': {
      const { tenants } = await request<{ tenants: Tenant[] }>('GET', '');
      const rows = tenants.map((t) => [
        t.id,
        t.slug,
        t.name,
        w.status[t.status],
        String(t.users),
        String(t.conversations),
        day(t.lastActivityAt),
        day(t.createdAt),
      ]);
      print({ tenants }, tenants.length === 0 ? w.none : table([[...w.headers], ...rows]));
      return;
    }
    case 'show': {
      const t = await resolveId(ref);
      print(t, describe(t));
      return;
    }
    case 'suspend':
    case 'reactivate': {
      const t = await resolveId(ref);
      const body = command === 'suspend' && opts.reason ? { reason: opts.reason } : undefined;
      const res = await request<Tenant>('POST', `/${t.id}/${command}`, body);
      print(res, `${command === 'suspend' ? w.suspended : w.reactivated}: ${res.name} (${res.slug})`);
      return;
    }
    case 'delete': {
      if (!opts.confirm) throw new Usage('--confirm <slug>');
      const t = await resolveId(ref);
      const res = await request<{
        slug: string;
        rows: number;
        files: number;
        objects: { wiped: number; failed: string[] };
      }>('DELETE', `/${t.id}?confirm=${encodeURIComponent(opts.confirm)}`);
      const failed = res.objects.failed.length > 0 ? `, ${res.objects.failed.length} ${w.failedObjects}` : '';
      print(
        res,
        `${w.deleted}: ${t.name} (${res.slug}): ${res.rows} ${w.rows}, ${res.files} ${w.files}, ${res.objects.wiped} ${w.objects}${failed}`,
      );
      return;
    }
    default:
      throw new Usage(command);
  }
}

main().catch((err: unknown) => {
  if (err instanceof Usage) {
    console.error(`${lang === 'en' ? 'Bad usage' : 'Uso incorreto'}: ${err.message}\n\n${HELP[lang]}`);
    process.exitCode = 2;
  } else if (err instanceof Refused) {
    console.error(err.message);
    process.exitCode = 1;
  } else {
    console.error(err);
    process.exitCode = 1;
  }
});
