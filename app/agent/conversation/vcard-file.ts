// A shared contact saved as a .vcf file, written here in the browser from the stored card (vCard 3.0, the
// version phones import): the agent adds it to their address book without anything leaving Fio.
import type { SharedContact } from '../../../workers/contract';

const escapeValue = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/([,;])/g, '\\$1');

export function contactVCard(c: SharedContact): string {
  const lines = ['BEGIN:VCARD', 'VERSION:3.0', `FN:${escapeValue(c.name)}`, `N:;${escapeValue(c.name)};;;`];
  if (c.organization) lines.push(`ORG:${escapeValue(c.organization)}`);
  for (const p of c.phones) {
    const type = p.type ? `;TYPE=${p.type.replace(/[^A-Za-z-]/g, '')}` : '';
    const waid = p.waId ? `;waid=${p.waId}` : '';
    lines.push(`TEL${type}${waid}:${escapeValue(p.phone)}`);
  }
  for (const e of c.emails) lines.push(`EMAIL;TYPE=INTERNET:${escapeValue(e)}`);
  lines.push('END:VCARD');
  return `${lines.join('\r\n')}\r\n`;
}

/** Saves the card as "<name>.vcf". */
export function saveVCard(c: SharedContact): void {
  const blob = new Blob([contactVCard(c)], { type: 'text/vcard' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${c.name.replace(/[\\/:*?"<>|]/g, '_').slice(0, 80) || 'contato'}.vcf`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** What a tel: link dials: the digits, with the + of an international number. */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${digits}`;
}
