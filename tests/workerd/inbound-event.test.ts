// Provider messages as conversation events: every content kind maps to the message shape agents render,
// media starts pending, and unknown types keep their raw payload (bounded).
import { describe, expect, it } from 'vitest';
import type { InboundContent, InboundMessage } from '../../workers/channels/inbound';
import { inboundToMessage } from '../../workers/channels/inbound-event';

const author = { kind: 'contact' as const, id: '5531991234567', name: 'Maria' };
const message = (content: InboundContent, raw: unknown = {}): InboundMessage => ({
  address: '1',
  externalId: 'wamid.X',
  from: '5531991234567',
  profileName: 'Maria',
  sentAt: new Date(),
  replyToExternalId: 'wamid.PREV',
  content,
  raw,
});

describe('inbound message → event', () => {
  it('keeps text, ids and the reply link', () => {
    expect(inboundToMessage(message({ kind: 'text', text: 'Olá 😢' }), author)).toEqual({
      text: 'Olá 😢',
      author,
      clientId: null,
      externalId: 'wamid.X',
      replyToExternalId: 'wamid.PREV',
    });
  });

  it('turns media into a pending attachment with its caption as text', () => {
    const m = inboundToMessage(
      message({
        kind: 'document',
        mediaId: 'm1',
        mimeType: 'application/pdf',
        caption: 'boleto',
        filename: 'b.pdf',
      }),
      author,
    );
    expect(m.text).toBe('boleto');
    expect(m.attachment).toEqual({
      kind: 'document',
      mimeType: 'application/pdf',
      filename: 'b.pdf',
      size: null,
      key: null,
      state: 'pending',
    });
  });

  it('maps location, choices and reactions', () => {
    const loc = inboundToMessage(
      message({ kind: 'location', latitude: -19.9, longitude: -43.9, name: 'Casa', address: null }),
      author,
    );
    expect(loc.location).toEqual({ latitude: -19.9, longitude: -43.9, name: 'Casa', address: null });
    expect(
      inboundToMessage(message({ kind: 'choice', id: 'segunda-via', title: '2ª via' }), author),
    ).toMatchObject({
      text: '2ª via',
      choice: { id: 'segunda-via', title: '2ª via' },
    });
    expect(
      inboundToMessage(message({ kind: 'reaction', toExternalId: 'wamid.A', emoji: '👍' }), author),
    ).toMatchObject({
      text: '',
      reaction: { toExternalId: 'wamid.A', emoji: '👍' },
    });
  });

  it('keeps an unknown type with its raw payload as JSON text, bounded', () => {
    const m = inboundToMessage(
      message({ kind: 'unsupported', type: 'order' }, { order: { items: [1, 2] } }),
      author,
    );
    expect(m.unsupported?.type).toBe('order');
    expect(JSON.parse(m.unsupported?.raw ?? '')).toEqual({ order: { items: [1, 2] } });
    const huge = inboundToMessage(
      message({ kind: 'unsupported', type: 'x' }, { blob: 'a'.repeat(100_000) }),
      author,
    );
    expect(huge.unsupported?.raw.length).toBeLessThanOrEqual(32 * 1024);
  });
});
