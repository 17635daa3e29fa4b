// JSON text from outside (REST bodies, socket frames, provider webhooks) parsed in one way: refused when it is
// not JSON or when it nests too deep. How deep is found by a scan of the characters before parsing: anything
// that walks a parsed value recursively (JSON.stringify of a raw payload, structured clone to a Durable
// Object, logging) overflows the stack on a body nested thousands of levels deep, so such text is refused at
// the door, whatever a later step does with the value.

/** Webhook payloads nest about 10 levels (Meta) to 25 (a Baileys message quoting another); this is far above. */
export const JSON_DEPTH_MAX = 64;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** False when the text opens more than `max` objects/arrays inside each other (strings are skipped). */
export function jsonDepthWithin(text: string, max = JSON_DEPTH_MAX): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return false;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return true;
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; message: string };

/** JSON.parse for outside text: an answer, never a throw; `what` names the text in the refusal. */
export function parseJsonText(text: string, what: string): ParsedJson {
  if (!jsonDepthWithin(text))
    return { ok: false, message: `${what} nests deeper than ${JSON_DEPTH_MAX} levels` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, message: `${what} is not valid JSON` };
  }
}
