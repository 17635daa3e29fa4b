// The agent app's router (app/agent/state/place.ts): a conversation URL opens only the canonical spelling of
// its id (the one the server names objects by); any other spelling is the not-found state, with no
// conversation id for the app to request or open a socket for; links are only ever written canonical.
import { describe, expect, it } from 'vitest';
import { parsePlace, placeAfter, placeHref } from '../../app/agent/state/place';

const id = '5b0e8f7c-3d1a-4c2b-9e6f-0a1b2c3d4e5f';
const encoded = [...id].map((ch) => `%${ch.charCodeAt(0).toString(16)}`).join('');

describe('agent router', () => {
  it('opens a conversation URL in the canonical spelling, with or without a trailing slash', () => {
    for (const path of [`/conversations/${id}`, `/conversations/${id}/`]) {
      expect(parsePlace(path, '?view=mine', null)).toEqual({
        admin: false,
        conversationId: id,
        notFound: false,
        view: 'mine',
      });
    }
  });

  it('reads a percent-encoded canonical id as the same URL, as the server does', () => {
    expect(parsePlace(`/conversations/${encoded}`, '', 'all')).toMatchObject({
      conversationId: id,
      view: 'all',
    });
  });

  it('shows not found for any other spelling, and names no conversation to load or connect to', () => {
    const upper = id.toUpperCase();
    const spellings = [
      upper,
      id.replace(/[a-f]/, (ch) => ch.toUpperCase()),
      `{${id}}`,
      `%7B${id}%7D`,
      `urn:uuid:${id}`,
      id.replaceAll('-', ''),
      `%20${id}`,
      `${id}%20`,
      [...upper].map((ch) => `%${ch.charCodeAt(0).toString(16)}`).join(''),
      '%E0%A4%A', // not even decodable
      '',
      'não-é-um-id',
    ];
    for (const spelled of spellings) {
      expect(parsePlace(`/conversations/${spelled}`, '?view=queue', null), spelled).toEqual({
        admin: false,
        conversationId: null,
        notFound: true,
        view: 'queue',
      });
    }
  });

  it('writes links only with the canonical id, and leaves the not-found state on any navigation', () => {
    const lost = parsePlace(`/conversations/${id.toUpperCase()}`, '', null);
    const opened = placeAfter(lost, { conversationId: id });
    expect(opened).toMatchObject({ conversationId: id, notFound: false });
    expect(placeHref(opened)).toBe(`/conversations/${id}?view=queue`);
    expect(placeAfter(lost, { view: 'mine' })).toMatchObject({ conversationId: null, notFound: false });
    // A caller handing over another spelling gets the not-found state, never a link with it.
    const bad = placeAfter(opened, { conversationId: id.toUpperCase() });
    expect(bad).toMatchObject({ conversationId: null, notFound: true });
    expect(placeHref(bad)).not.toContain(id.toUpperCase());
  });

  it('keeps the view from the query, else the last one chosen, else the queue', () => {
    expect(parsePlace('/', '?view=closed', 'mine').view).toBe('closed');
    expect(parsePlace('/', '?view=bogus', 'mine').view).toBe('mine');
    expect(parsePlace('/', '', 'bogus').view).toBe('queue');
    expect(parsePlace('/admin/users', '', null)).toMatchObject({ admin: true, notFound: false });
  });
});
