// Stored files leave the Worker as downloads that cannot run in our origin: agents' uploads are typed by
// their bytes (hostile ones refused, nothing stored), inbound media are stored and announced as what they
// are, and every answer carries attachment + nosniff + a sandboxing CSP (inline only for a preview the bytes
// prove), including objects stored before types were sniffed.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { MediaDownloadJob } from '../../workers/env';
import { conversationObjectName } from '../../workers/services/conversation-names';
import { storeInboundFile } from '../../workers/services/inbound-file';
import { hostileHtml, hostileSvg, OGG_OPUS, PDF, PNG } from '../support/file-samples';
import { ACME } from '../support/fixtures';
import { call, errorCode, login, widgetSession } from './helpers';

const acmeAgent = ACME.users[1] as (typeof ACME.users)[number];
const CANARY = 'https://canary.invalid';
const SANDBOX = /^sandbox; default-src 'none'/;

async function conversation() {
  const session = await widgetSession('acme');
  const { token, tenantId } = await login(acmeAgent.email, acmeAgent.password);
  return { session, token, tenantId, conversationId: session.conversationId };
}

function upload(token: string, conversationId: string, body: Uint8Array, type: string, filename?: string) {
  const q = filename ? `?filename=${encodeURIComponent(filename)}` : '';
  return call(`/api/conversations/${conversationId}/attachments${q}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': type,
      'content-length': String(body.length),
    },
    body: new Blob([body.slice()]),
  });
}

function file(token: string, conversationId: string, key: string, query = '') {
  return call(`/api/conversations/${conversationId}/files/${encodeURIComponent(key)}${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

async function storedKeys(prefix: string): Promise<string[]> {
  return (await env.MEDIA.list({ prefix })).objects.map((o) => o.key);
}

function expectDownload(res: Response, type: string, filename: string) {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(type);
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
  expect(res.headers.get('content-disposition')).toContain(
    `filename*=UTF-8''${encodeURIComponent(filename)}`,
  );
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('content-security-policy')).toMatch(SANDBOX);
  expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
}

describe('agent uploads', () => {
  it('refuses HTML and SVG whatever type they claim, and stores nothing', async () => {
    const { token, tenantId, conversationId } = await conversation();
    for (const [doc, claim] of [
      [hostileHtml(CANARY), 'application/pdf'],
      [hostileHtml(CANARY), 'image/jpeg'],
      [hostileHtml(CANARY), 'text/plain'],
      [hostileSvg(CANARY), 'image/png'],
    ] as const) {
      const res = await upload(token, conversationId, doc, claim, 'fatura.pdf');
      expect(res.status, claim).toBe(415);
      expect(errorCode(await res.json())).toBe('unsupported_media_type');
    }
    expect(await storedKeys(`${tenantId}/${conversationId}/`)).toEqual([]);
  });

  it('refuses a program and a file over its type’s limit with a clear error, storing nothing', async () => {
    const { token, tenantId, conversationId } = await conversation();
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
    const program = await upload(token, conversationId, exe, 'application/x-msdownload', 'setup.exe');
    expect(program.status).toBe(415);
    const refusal = (await program.json()) as { error: { code: string; details: { accepted: string[] } } };
    expect(refusal.error.code).toBe('unsupported_media_type');
    expect(refusal.error.details.accepted).toContain('application/pdf');
    // A PNG one byte over WhatsApp's 5 MB image limit (documents may be larger: the limit is the type's).
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG);
    const image = await upload(token, conversationId, big, 'image/png', 'foto.png');
    expect(image.status).toBe(413);
    const tooLarge = (await image.json()) as { error: { code: string; message: string } };
    expect(tooLarge.error).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringContaining('image'),
    });
    // Over the upload cap, refused on the declared length before the body is read.
    const huge = await call(`/api/conversations/${conversationId}/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/pdf',
        'content-length': String(25 * 1024 * 1024 + 1),
      },
      body: new Blob([PDF.slice()]),
    });
    expect(huge.status).toBe(413);
    expect(await storedKeys(`${tenantId}/${conversationId}/`)).toEqual([]);
  });

  it('stores a real file as what its bytes are, and serves it as a download', async () => {
    const { token, conversationId } = await conversation();
    const res = await upload(token, conversationId, PNG, 'image/jpeg', 'foto do modem.png');
    expect(res.status).toBe(201);
    const { attachment } = (await res.json()) as {
      attachment: { key: string; mimeType: string; kind: string };
    };
    expect(attachment).toMatchObject({ mimeType: 'image/png', kind: 'image' });
    const got = await file(token, conversationId, attachment.key);
    expectDownload(got, 'image/png', 'foto do modem.png');
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(PNG);

    // A preview is inline, because the bytes are a raster image.
    const preview = await file(token, conversationId, attachment.key, '?preview=1');
    expect(preview.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(preview.headers.get('content-type')).toBe('image/png');
    expect(preview.headers.get('x-content-type-options')).toBe('nosniff');
    expect(preview.headers.get('content-security-policy')).toMatch(SANDBOX);

    // A PDF with an accented name: the exact UTF-8 name, previewable inline.
    const pdf = await upload(token, conversationId, PDF, 'application/octet-stream', 'fatura março.pdf');
    const { attachment: stored } = (await pdf.json()) as { attachment: { key: string; mimeType: string } };
    expect(stored.mimeType).toBe('application/pdf');
    expectDownload(await file(token, conversationId, stored.key), 'application/pdf', 'fatura março.pdf');
    const pdfPreview = await file(token, conversationId, stored.key, '?preview=1');
    expect(pdfPreview.headers.get('content-disposition')).toMatch(/^inline; /);

    // A file larger than the sniffed head comes back whole and in order.
    const big = new Uint8Array(300_000);
    big.set(PDF);
    for (let i = PDF.length; i < big.length; i++) big[i] = (i * 31) & 0xff;
    const bigUpload = await upload(token, conversationId, big, 'application/pdf', 'grande.pdf');
    const { attachment: bigStored } = (await bigUpload.json()) as { attachment: { key: string } };
    expect(new Uint8Array(await (await file(token, conversationId, bigStored.key)).arrayBuffer())).toEqual(
      big,
    );

    const bad = await file(token, conversationId, stored.key, '?preview=yes');
    expect(bad.status).toBe(400);
  });
});

describe('inbound media', () => {
  const job = (
    tenantId: string,
    conversationId: string,
    over: Partial<MediaDownloadJob>,
  ): MediaDownloadJob => ({
    tenantId,
    conversationId,
    channelId: crypto.randomUUID(),
    messageSeq: 1,
    mediaId: 'media-1',
    kind: 'document',
    mimeType: null,
    filename: null,
    ...over,
  });

  it('stores a customer’s HTML "PDF" and SVG "image" as bytes, announced as documents', async () => {
    const { token, tenantId, conversationId } = await conversation();
    const ref = { tenantId, conversationId };
    const stub = env.CONVERSATIONS.getByName(conversationObjectName(tenantId, conversationId));
    const cases = [
      { bytes: hostileHtml(CANARY), claim: 'application/pdf', kind: 'document', filename: 'fatura.pdf' },
      { bytes: hostileHtml(CANARY), claim: 'text/html', kind: 'document', filename: 'fatura.html' },
      { bytes: hostileSvg(CANARY), claim: 'image/svg+xml', kind: 'image', filename: null },
    ] as const;
    for (const [i, c] of cases.entries()) {
      const seq = i + 1;
      const key = `${tenantId}/${conversationId}/inbound/${seq}`;
      const attachment = await storeInboundFile(
        env.MEDIA,
        key,
        job(tenantId, conversationId, {
          messageSeq: seq,
          kind: c.kind,
          mimeType: c.claim,
          filename: c.filename,
        }),
        c.bytes.slice().buffer,
        c.claim,
      );
      expect(attachment).toMatchObject({
        mimeType: 'application/octet-stream',
        kind: 'document',
        state: 'ready',
      });
      expect((await env.MEDIA.head(key))?.httpMetadata?.contentType).toBe('application/octet-stream');
      expect(await stub.settleAttachment(ref, seq, attachment)).toBe(true);

      const name = c.filename ? `${c.filename}.bin` : 'anexo.bin';
      expectDownload(await file(token, conversationId, key), 'application/octet-stream', name);
      // Asking for a preview changes nothing: the bytes prove no previewable type.
      const preview = await file(token, conversationId, key, '?preview=1');
      expect(preview.headers.get('content-disposition')).toMatch(/^attachment; /);
      expect(preview.headers.get('content-type')).toBe('application/octet-stream');
    }
    const page = await stub.history(ref, null, 10);
    const settled = page?.events.flatMap((e) =>
      e.event.type === 'message.attachment' ? [e.event.attachment.mimeType] : [],
    );
    expect(settled).toEqual([
      'application/octet-stream',
      'application/octet-stream',
      'application/octet-stream',
    ]);
  });

  it('stores a voice note as audio/ogg even when the provider says otherwise', async () => {
    const { token, tenantId, conversationId } = await conversation();
    const key = `${tenantId}/${conversationId}/inbound/1`;
    const attachment = await storeInboundFile(
      env.MEDIA,
      key,
      job(tenantId, conversationId, { kind: 'audio', mimeType: 'audio/mpeg' }),
      OGG_OPUS.slice().buffer,
      'application/octet-stream',
    );
    expect(attachment).toMatchObject({ mimeType: 'audio/ogg', kind: 'audio', size: OGG_OPUS.length });
    expectDownload(await file(token, conversationId, key), 'audio/ogg', 'anexo.ogg');
  });
});

describe('serving objects stored before types were sniffed', () => {
  it('serves stored HTML and SVG as bytes, and a mislabelled PNG as PNG; the visitor gets the same', async () => {
    const { session, token, tenantId, conversationId } = await conversation();
    const prefix = `${tenantId}/${conversationId}/inbound`;
    await env.MEDIA.put(`${prefix}/1`, hostileHtml(CANARY), { httpMetadata: { contentType: 'text/html' } });
    await env.MEDIA.put(`${prefix}/2`, hostileSvg(CANARY), {
      httpMetadata: { contentType: 'image/svg+xml' },
    });
    await env.MEDIA.put(`${prefix}/3`, PNG, { httpMetadata: { contentType: 'image/jpeg' } });
    for (const who of [token, session.token]) {
      expectDownload(await file(who, conversationId, `${prefix}/1`), 'application/octet-stream', 'anexo.bin');
      const svg = await file(who, conversationId, `${prefix}/2`, '?preview=1');
      expectDownload(svg, 'application/octet-stream', 'anexo.bin');
      expect(new TextDecoder().decode(await svg.arrayBuffer())).toContain('<svg');
      const png = await file(who, conversationId, `${prefix}/3`, '?preview=1');
      expect(png.headers.get('content-type')).toBe('image/png');
      expect(png.headers.get('content-disposition')).toMatch(/^inline; filename="anexo.png"/);
    }
  });
});
