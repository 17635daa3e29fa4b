/// <reference types="vite/client" />
// The tolerance suite: public webhook examples (tests/fixtures/whatsapp, sources in SOURCES.md) and generated
// variations of each (fields removed, types changed, unknown fields and types added, several items per change
// with one malformed), flattened the way the webhook route does. Whatever the shape, flattening never
// throws inside a provider's envelope, and every message item with an id comes out exactly once (statuses
// too, for the Cloud API); items without one are counted as ignored. Then the named cases: forwarded,
// business-scoped-id-only sender, numeric timestamp, reaction removal, and the rarer shapes Meta documents.
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { flattenEvolutionWebhook } from '../../workers/channels/evolution/webhook-payload';
import type { FlattenedWebhook } from '../../workers/channels/inbound';
import { flattenUazapiWebhook } from '../../workers/channels/uazapi/webhook-payload';
import { flattenCloudWebhook } from '../../workers/channels/whatsapp-cloud/webhook-payload';

type Json = unknown;
type Obj = Record<string, Json>;
type Provider = 'cloud' | 'evolution' | 'uazapi';

const RECEIVED = new Date('2026-01-01T12:00:00.000Z');
const FLATTEN: Record<Provider, (body: Json) => FlattenedWebhook> = {
  cloud: (b) => flattenCloudWebhook(b, RECEIVED),
  evolution: (b) => flattenEvolutionWebhook(b, RECEIVED),
  uazapi: (b) => flattenUazapiWebhook(b, RECEIVED),
};

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => structuredClone(v);
const hasId = (v: Json, key = 'id'): v is Obj => isObj(v) && typeof v[key] === 'string' && v[key] !== '';

/** Every fixture: a file is one webhook body, or an object of named bodies (pywa's layout). */
const files = import.meta.glob<Json>('../fixtures/whatsapp/*/*.json', { eager: true, import: 'default' });
const fixtures = Object.entries(files).flatMap(([path, body]) => {
  const [, provider, file] = /whatsapp\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
  const single = isObj(body) && ('object' in body || 'event' in body || 'EventType' in body);
  const named = single || !isObj(body) ? { '': body } : body;
  return Object.entries(named).map(([name, b]) => ({
    provider: provider as Provider,
    name: name ? `${file}#${name}` : `${file}`,
    body: b,
  }));
});

// ——— Where the items are, per provider ———

/** The arrays of message and status items of a body, to mutate in place and to count from. */
function itemLists(provider: Provider, body: Json): { messages: Json[][]; statuses: Json[][] } {
  const messages: Json[][] = [];
  const statuses: Json[][] = [];
  if (provider === 'cloud' && isObj(body) && Array.isArray(body.entry)) {
    for (const entry of body.entry) {
      if (!isObj(entry) || !Array.isArray(entry.changes)) continue;
      for (const change of entry.changes) {
        if (!isObj(change) || change.field !== 'messages' || !isObj(change.value)) continue;
        if (Array.isArray(change.value.messages)) messages.push(change.value.messages);
        if (Array.isArray(change.value.statuses)) statuses.push(change.value.statuses);
      }
    }
  }
  if (provider === 'evolution' && isObj(body) && /^messages[._]upsert$/i.test(String(body.event))) {
    if (Array.isArray(body.data)) messages.push(body.data);
    else if (isObj(body.data)) {
      const list = [body.data];
      body.data = list; // Evolution sends `data` as an object or an array: the array form holds the same item
      messages.push(list);
    }
  }
  if (provider === 'uazapi' && isObj(body) && body.EventType === 'messages' && isObj(body.message)) {
    const list = [body.message];
    messages.push(list);
  }
  return { messages, statuses };
}

/** The ids that must come out as messages: every item with an id, unless it is ours or not a customer's. */
function expectedMessageIds(provider: Provider, body: Json): string[] {
  const ids: string[] = [];
  for (const list of itemLists(provider, clone(body)).messages) {
    for (const item of list) {
      if (provider === 'cloud' && hasId(item)) ids.push(item.id as string);
      if (provider === 'evolution' && isObj(item) && hasId(item.key)) {
        const key = item.key;
        const jid = key.remoteJid;
        if (key.fromMe !== true && typeof jid === 'string' && jid.endsWith('@s.whatsapp.net')) {
          ids.push(key.id as string);
        }
      }
      if (provider === 'uazapi' && hasId(item, 'messageid')) {
        const chat = typeof item.chatid === 'string' ? item.chatid : '';
        const ours = item.fromMe === true || item.wasSentByApi === true;
        if (!ours && item.isGroup !== true && chat.endsWith('@s.whatsapp.net'))
          ids.push(item.messageid as string);
      }
    }
  }
  return ids;
}

function expectedStatusIds(provider: Provider, body: Json): string[] {
  if (provider !== 'cloud') return [];
  return itemLists(provider, clone(body)).statuses.flatMap((list) =>
    list.flatMap((s) => (hasId(s) ? [s.id as string] : [])),
  );
}

// ——— Variations ———

type Mutation = (item: Obj, index: number) => Json;

/** Applies `mutate` to every message (and, for the Cloud API, status) item of a copy of the body. */
function mutateItems(provider: Provider, body: Json, mutate: Mutation, statusesToo = false): Json {
  const copy = clone(body);
  const lists = itemLists(provider, copy);
  const all = statusesToo ? [...lists.messages, ...lists.statuses] : lists.messages;
  for (const list of all) {
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (isObj(item)) list[i] = mutate(item, i);
    }
  }
  if (provider === 'uazapi' && isObj(copy) && lists.messages[0]) copy.message = lists.messages[0][0];
  return copy;
}

/** Adds an unknown field to every object in the body, at every depth. */
function withUnknownFields(body: Json): Json {
  const walk = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isObj(v)) return v;
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) out[k] = walk(x);
    out.x_fio_unknown_field = { nested: [1, 'two', null] };
    return out;
  };
  return walk(body);
}

const without = (item: Obj, ...keys: string[]): Obj =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !keys.includes(k)));

/** The field that carries a message's content in each provider's item. */
const PAYLOAD_KEY: Record<Provider, (item: Obj) => string> = {
  cloud: (item) => String(item.type),
  evolution: () => 'message',
  uazapi: () => 'content',
};
const TIME_KEY: Record<Provider, string> = {
  cloud: 'timestamp',
  evolution: 'messageTimestamp',
  uazapi: 'messageTimestamp',
};

function variations(provider: Provider, body: Json): { name: string; body: Json }[] {
  const payload = PAYLOAD_KEY[provider];
  const time = TIME_KEY[provider];
  return [
    { name: 'as published', body },
    { name: 'unknown fields everywhere', body: withUnknownFields(body) },
    { name: 'content removed', body: mutateItems(provider, body, (m) => without(m, payload(m))) },
    { name: 'timestamp removed', body: mutateItems(provider, body, (m) => without(m, time), true) },
    {
      name: 'timestamp as a number',
      body: mutateItems(provider, body, (m) => ({ ...m, [time]: Number(m[time]) || 1_700_000_000 }), true),
    },
    {
      name: 'timestamp as garbage',
      body: mutateItems(provider, body, (m) => ({ ...m, [time]: { at: 'x' } }), true),
    },
    {
      name: 'content of the wrong type',
      body: mutateItems(provider, body, (m) => ({ ...m, [payload(m)]: 42, text: 42 })),
    },
    {
      name: 'an unknown message type',
      body: mutateItems(provider, body, (m) =>
        provider === 'cloud'
          ? { ...m, type: 'hologram', hologram: { frames: 3 } }
          : provider === 'evolution'
            ? { ...m, message: { hologramMessage: { frames: 3 } }, messageType: 'hologramMessage' }
            : { ...m, messageType: 'HologramMessage', type: 'hologram' },
      ),
    },
    { name: 'sender removed', body: mutateItems(provider, body, (m) => without(m, 'from')) },
    {
      name: 'ids removed (nothing to store)',
      body: mutateItems(
        provider,
        body,
        (m) =>
          provider === 'cloud'
            ? without(m, 'id')
            : provider === 'evolution'
              ? { ...m, key: isObj(m.key) ? without(m.key, 'id') : m.key }
              : without(m, 'messageid'),
        true,
      ),
    },
    { name: 'items that are not objects', body: mutateItems(provider, body, () => 'not an item', true) },
  ];
}

/** Several items per change: each list gets a malformed copy with a new id, and an item with no id at all. */
function crowded(provider: Provider, body: Json): Json {
  const copy = clone(body);
  const lists = itemLists(provider, copy);
  for (const list of provider === 'cloud' ? [...lists.messages, ...lists.statuses] : lists.messages) {
    const first = list[0];
    if (!isObj(first)) continue;
    if (provider === 'cloud') {
      list.push({ ...first, id: `${String(first.id)}.malformed`, type: 42, timestamp: [] });
      list.push(without(first, 'id'));
    } else if (provider === 'evolution' && isObj(first.key)) {
      list.push({
        ...first,
        key: { ...first.key, id: `${String(first.key.id)}M` },
        message: 'not an object',
      });
      list.push({ ...first, key: without(first.key, 'id') });
    }
  }
  return copy;
}

// ——— The suite ———

describe('tolerance suite: public payload examples and their variations', () => {
  it('has fixtures from every provider', () => {
    const providers = new Set(fixtures.map((f) => f.provider));
    expect([...providers].sort()).toEqual(['cloud', 'evolution', 'uazapi']);
    expect(fixtures.length).toBeGreaterThan(40);
  });

  for (const fixture of fixtures) {
    const cases = [
      ...variations(fixture.provider, fixture.body),
      { name: 'several items per change, one malformed', body: crowded(fixture.provider, fixture.body) },
    ];
    it(`${fixture.provider}: ${fixture.name}`, () => {
      for (const v of cases) {
        const label = `${fixture.name} / ${v.name}`;
        let out: FlattenedWebhook;
        try {
          out = FLATTEN[fixture.provider](v.body);
        } catch (err) {
          // Only a body that is not this provider's webhook at all may be refused (the route then answers 200).
          expect(err, label).toBeInstanceOf(ZodError);
          expect(expectedMessageIds(fixture.provider, v.body), label).toEqual([]);
          continue;
        }
        const got = out.messages.map((m) => m.externalId);
        expect([...got].sort(), label).toEqual([...expectedMessageIds(fixture.provider, v.body)].sort());
        if (fixture.provider === 'cloud') {
          expect(out.statuses.map((s) => s.externalId).sort(), label).toEqual(
            expectedStatusIds(fixture.provider, v.body).sort(),
          );
        }
        for (const m of out.messages) {
          expect(Number.isNaN(m.sentAt.getTime()), label).toBe(false);
          // What did not fit is kept as unsupported, never half-read.
          if (m.malformed) expect(m.content.kind, label).toBe('unsupported');
        }
        expect(out.notes.length, label).toBeLessThanOrEqual(out.ignored);
      }
    });
  }
});

// ——— Named cases ———

const cloud = (value: Obj) =>
  flattenCloudWebhook(
    {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'W',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550783881', phone_number_id: '111' },
                ...value,
              },
            },
          ],
        },
      ],
    },
    RECEIVED,
  );
const named = (file: string, name: string) => {
  const f = fixtures.find((x) => x.name === (name ? `${file}#${name}` : file));
  if (!f) throw new Error(`no fixture ${file}#${name}`);
  return f.body;
};

describe('named cases', () => {
  it('stores a forwarded message (context without an id) and marks it forwarded', () => {
    for (const name of ['forwarded', 'forwarded_many_times']) {
      const out = flattenCloudWebhook(named('pywa-message', name), RECEIVED);
      expect(out.messages, name).toHaveLength(1);
      expect(out.messages[0], name).toMatchObject({
        externalId: 'wamid.xyzxyz',
        forwarded: true,
        replyToExternalId: null,
        content: { kind: 'text' },
      });
    }
  });

  it('stores a message from a sender known only by business-scoped user id, under that id', () => {
    const out = flattenCloudWebhook(named('meta-docs', 'bsuid_only_contact_request'), RECEIVED);
    expect(out.messages).toHaveLength(1);
    expect(out.messages[0]).toMatchObject({
      from: null,
      userId: 'US.13491208655302741918',
      profileName: 'Sheena Nelson',
      // A shared contact card is read as such since the agent's day (issue 12).
      content: { kind: 'contacts' },
    });
    // And with `from_user_id` on the message, as Meta's newer examples carry it.
    const both = flattenCloudWebhook(named('whatsapp-api-js-v25-incoming', ''), RECEIVED);
    expect(both.messages[0]).toMatchObject({ from: '16315551181', userId: 'US.13491208655302741918' });
    const status = flattenCloudWebhook(named('whatsapp-api-js-v25-delivered', ''), RECEIVED);
    expect(status.statuses[0]).toMatchObject({
      recipient: '16315551181',
      recipientUserId: 'US.13491208655302741918',
    });
  });

  it('reads a numeric timestamp as seconds', () => {
    const out = cloud({
      messages: [
        { from: '5531991234567', id: 'wamid.N', timestamp: 1749416383, type: 'text', text: { body: 'oi' } },
      ],
      statuses: [{ id: 'wamid.S', status: 'read', timestamp: 1749416400, recipient_id: '5531991234567' }],
    });
    expect(out.messages[0]?.sentAt.toISOString()).toBe('2025-06-08T20:59:43.000Z');
    expect(out.statuses[0]?.at.toISOString()).toBe('2025-06-08T21:00:00.000Z');
  });

  it('stores a reaction removal with emoji null, as the gateways do', () => {
    for (const name of ['unreaction_empty', 'unreaction_no_emoji']) {
      const out = flattenCloudWebhook(named('pywa-message', name), RECEIVED);
      expect(out.messages[0]?.content, name).toEqual({
        kind: 'reaction',
        toExternalId: 'wamid.yzxyzx=',
        emoji: null,
      });
    }
  });

  it('keeps a system message that comes without contacts', () => {
    const out = flattenCloudWebhook(named('meta-docs', 'system_user_changed_number'), RECEIVED);
    expect(out.messages[0]).toMatchObject({
      from: '16505551234',
      content: { kind: 'unsupported', type: 'system' },
    });
  });

  it('acknowledges errors at the value level without storing anything, and counts them', () => {
    const out = flattenCloudWebhook(named('meta-docs', 'value_errors'), RECEIVED);
    expect(out).toMatchObject({ messages: [], statuses: [], ignored: 1 });
    expect(out.notes[0]).toMatchObject({
      reason: 'errors reported for the number',
      address: '106540352242922',
      detail: { errors: [{ code: 130429, title: 'Rate limit hit' }] },
    });
  });

  it('reads an ad referral with its text and an order as an order, and keeps a Flow reply and unknown types as unsupported', () => {
    const referral = flattenCloudWebhook(named('pywa-message', 'referral'), RECEIVED);
    expect(referral.messages[0]?.content).toEqual({ kind: 'text', text: 'BODY' });
    expect(referral.messages[0]?.referral).toBeTruthy();
    const flow = flattenCloudWebhook(named('pywa-flow_completion', 'completion'), RECEIVED);
    expect(flow.messages[0]?.content).toEqual({ kind: 'unsupported', type: 'interactive' });
    const order = flattenCloudWebhook(named('pywa-message', 'order'), RECEIVED);
    expect(order.messages[0]?.content).toMatchObject({
      kind: 'order',
      order: {
        catalogId: '354160437058781',
        items: expect.arrayContaining([expect.objectContaining({ productId: 'HAMBURGER', quantity: 3 })]),
      },
    });
  });

  it('keeps one malformed item with an id, drops one without, and loses nothing else of the change', () => {
    const out = cloud({
      contacts: [{ profile: { name: 'Maria' }, wa_id: '5531991234567' }],
      messages: [
        { from: '5531991234567', id: 'wamid.1', timestamp: '1749416383', type: 'text', text: { body: 'a' } },
        { from: '5531991234567', id: 'wamid.2', timestamp: '1749416383', type: 'image', image: { id: 7 } },
        { from: '5531991234567', timestamp: '1749416383', type: 'text', text: { body: 'sem id' } },
        { from: '5531991234567', id: 'wamid.3', timestamp: '1749416383', type: 'text', text: { body: 'c' } },
      ],
      statuses: [
        { id: 'wamid.OUT', status: 'delivered', timestamp: '1749416390', recipient_id: '5531991234567' },
      ],
    });
    expect(out.messages.map((m) => [m.externalId, m.content.kind, m.malformed ?? null])).toEqual([
      ['wamid.1', 'text', null],
      ['wamid.2', 'unsupported', 'image.id: Invalid input: expected string, received number'],
      ['wamid.3', 'text', null],
    ]);
    expect(out.statuses.map((s) => s.externalId)).toEqual(['wamid.OUT']);
    expect(out.ignored).toBe(1);
  });

  it('reads a gateway item that does not fit as unsupported when it names its id and customer', () => {
    const evolution = flattenEvolutionWebhook(named('captured', 'upsert_conversation'), RECEIVED);
    expect(evolution.messages[0]).toMatchObject({
      externalId: '3A6687C4331054C34F0F',
      content: { kind: 'text' },
    });
    const uazapi = flattenUazapiWebhook(
      named('captured', 'messages_lid_sender_abbreviated_capture'),
      RECEIVED,
    );
    expect(uazapi.messages).toEqual([]); // no messageid in the abbreviated capture: nothing to store
    expect(uazapi.ignored).toBe(1);
  });
});
