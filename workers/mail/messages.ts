// The e-mails Fio sends, pt-BR first with the English text below it (one message serves both readers):
// password reset, invitation, and the notice sent instead of an invitation when the address is already
// someone's login elsewhere. Plain text plus simple HTML; every name and link is escaped (./html.ts).
import { html, type Trusted } from './html';
import type { MailMessage } from './mailer';

function layout(title: string, body: Trusted): string {
  return html`<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:560px;margin:24px auto;padding:0 16px">
${body}
<p style="color:#666;font-size:13px">Fio — atendimento para provedores · support for ISPs</p>
</body></html>`.html;
}

function button(link: string, label: string): Trusted {
  return html`<p><a href="${link}" style="display:inline-block;background:#0b5cad;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none">${label}</a></p>
<p style="font-size:13px;color:#444">${link}</p>`;
}

export function passwordResetMail(p: {
  to: string;
  name: string;
  tenantName: string;
  link: string;
  minutes: number;
}): MailMessage {
  const subject = 'Redefinir sua senha do Fio / Reset your Fio password';
  const text = `Olá, ${p.name}.

Recebemos um pedido para redefinir a sua senha do Fio (${p.tenantName}). Para escolher uma nova senha, abra:
${p.link}

O link vale por ${p.minutes} minutos e só pode ser usado uma vez. Se você não pediu, ignore este e-mail: sua senha continua a mesma.

---
Hello ${p.name}, someone asked to reset your Fio password (${p.tenantName}). Open the link above within ${p.minutes} minutes to choose a new one (it works once). If it was not you, ignore this e-mail: your password stays the same.
`;
  const body = html`<p>Olá, ${p.name}.</p>
<p>Recebemos um pedido para redefinir a sua senha do Fio (${p.tenantName}).</p>
${button(p.link, 'Escolher nova senha')}
<p>O link vale por ${p.minutes} minutos e só pode ser usado uma vez. Se você não pediu, ignore este e-mail: sua senha continua a mesma.</p>
<hr>
<p lang="en">Hello ${p.name}, someone asked to reset your Fio password (${p.tenantName}). Use the button above within ${p.minutes} minutes to choose a new one (it works once). If it was not you, ignore this e-mail.</p>`;
  return { to: p.to, subject, text, html: layout(subject, body) };
}

export function invitationMail(p: {
  to: string;
  name: string;
  tenantName: string;
  inviterName: string;
  link: string;
  days: number;
}): MailMessage {
  const subject = `Convite para o Fio de ${p.tenantName} / You are invited to Fio`;
  const text = `Olá, ${p.name}.

${p.inviterName} convidou você para atender os clientes de ${p.tenantName} no Fio. Para criar a sua senha e entrar, abra:
${p.link}

O convite vale por ${p.days} dias.

---
Hello ${p.name}, ${p.inviterName} invited you to ${p.tenantName} on Fio. Open the link above within ${p.days} days to set your password and sign in.
`;
  const body = html`<p>Olá, ${p.name}.</p>
<p>${p.inviterName} convidou você para atender os clientes de ${p.tenantName} no Fio.</p>
${button(p.link, 'Criar minha senha')}
<p>O convite vale por ${p.days} dias.</p>
<hr>
<p lang="en">Hello ${p.name}, ${p.inviterName} invited you to ${p.tenantName} on Fio. Use the button above within ${p.days} days to set your password and sign in.</p>`;
  return { to: p.to, subject, text, html: layout(subject, body) };
}

/**
 * Sent instead of an invitation when the address already signs in to another organisation: the inviter is
 * told nothing (see invitations.ts), the address's owner learns what happened and what to do.
 */
export function alreadyRegisteredMail(p: { to: string; tenantName: string; signInUrl: string }): MailMessage {
  const subject = 'Convite para o Fio / Fio invitation';
  const text = `Olá.

${p.tenantName} tentou convidar este endereço para o Fio, mas ele já é usado para entrar em outra organização no Fio. Um endereço só pode pertencer a uma organização: peça a ${p.tenantName} que convide outro e-mail seu. Se esqueceu a senha da sua conta atual, use "Esqueci a senha" em ${p.signInUrl}.

---
${p.tenantName} tried to invite this address to Fio, but it already signs in to another organisation. One address belongs to one organisation: ask ${p.tenantName} to invite another of your addresses.
`;
  const body = html`<p>Olá.</p>
<p>${p.tenantName} tentou convidar este endereço para o Fio, mas ele já é usado para entrar em outra organização no Fio. Um endereço só pode pertencer a uma organização: peça a ${p.tenantName} que convide outro e-mail seu.</p>
<hr>
<p lang="en">${p.tenantName} tried to invite this address to Fio, but it already signs in to another organisation. Ask ${p.tenantName} to invite another of your addresses.</p>`;
  return { to: p.to, subject, text, html: layout(subject, body) };
}
