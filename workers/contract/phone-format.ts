// Phone numbers as people read them: Brazil's as "+55 (11) 98765-4321" (mobile, 9 digits) and
// "+55 (11) 3456-7890" (landline, 8), any other country as "+CC" and its national number in short groups
// ("+1 650 555 1234", "+351 912 345 678"). Stored numbers stay digits-only E.164; this is display only.
// Pure; imports nothing.

// Country calling codes of one and two digits (ITU E.164 list); every other code has three.
const ONE_DIGIT = new Set(['1', '7']);
const TWO_DIGITS = new Set(
  (
    '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 ' +
    '81 82 84 86 90 91 92 93 94 95 98'
  ).split(' '),
);

function countryCode(digits: string): string {
  if (ONE_DIGIT.has(digits.slice(0, 1))) return digits.slice(0, 1);
  if (TWO_DIGITS.has(digits.slice(0, 2))) return digits.slice(0, 2);
  return digits.slice(0, 3);
}

/** "6505551234" → "650 555 1234": groups of three, the last one or two of four, never a lone digit. */
function groups(national: string): string {
  const out: string[] = [];
  let rest = national;
  while (rest.length > 4) {
    const take = rest.length === 8 ? 4 : 3;
    out.push(rest.slice(0, take));
    rest = rest.slice(take);
  }
  if (rest) out.push(rest);
  return out.join(' ');
}

/**
 * A stored phone (digits-only E.164, with or without "+") for display. Anything that is not 8 to 15 digits
 * (a typing mistake kept as given) comes back unchanged rather than guessed at.
 */
export function formatPhone(phone: string): string {
  const digits = phone.replace(/[\s().+-]/g, '');
  if (!/^\d{8,15}$/.test(digits)) return phone;
  const br = /^55([1-9]{2})(\d{4,5})(\d{4})$/.exec(digits);
  if (br) return `+55 (${br[1]}) ${br[2]}-${br[3]}`;
  const cc = countryCode(digits);
  return `+${cc} ${groups(digits.slice(cc.length))}`;
}
