// Dev-only: the demo provider's website widget looks like an ISP's (title, colour, greeting) and asks for a
// name, a WhatsApp phone and optionally a CPF before the chat. Only while nobody set its branding (an admin's
// change is never undone by the next `npm run dev`); merged into the settings, so the allowed sites the stack
// sets (scripts/lib/stack.ts) stay. Test stacks never run this: their widget has the defaults.
import pg from 'pg';
import type { PrechatField, WidgetBranding } from '../workers/contract/widget';

export const DEMO_WIDGET: { branding: WidgetBranding; prechat: PrechatField[] } = {
  branding: {
    title: 'Atendimento Provedor Demo',
    color: '#0e7490',
    greeting: 'Olá! Somos o suporte do Provedor Demo. Como podemos ajudar?',
    logoUrl: null,
    position: 'right',
  },
  prechat: [
    { field: 'name', required: true },
    { field: 'phone', required: true },
    { field: 'cpf', required: false },
  ],
};

export async function seedWidget(ownerUrl: string, channelId: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(
      `update channels set settings = settings || $2::jsonb
        where id = $1 and kind = 'widget' and not (settings ? 'branding')`,
      [channelId, JSON.stringify(DEMO_WIDGET)],
    );
  } finally {
    await client.end();
  }
}
