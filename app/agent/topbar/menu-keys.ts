// Keyboard moves inside an open pop-up menu of mixed controls (buttons, a link, a select, a checkbox):
// ArrowDown/ArrowUp go to the next/previous control (wrapping), Home/End to the first/last. A select keeps its
// own arrows (they change its value), so from a select only Tab moves on, as in any form.

const FOCUSABLE = 'button:not([disabled]), a[href], select:not([disabled]), input:not([disabled])';

/** The controls of the menu a keyboard user moves between, in order. */
export function menuControls(menu: HTMLElement): HTMLElement[] {
  return [...menu.querySelectorAll<HTMLElement>(FOCUSABLE)];
}

/** Moves the focus for one key press; true when the key was used (the caller then prevents its default). */
export function moveInMenu(menu: HTMLElement, e: KeyboardEvent): boolean {
  if (e.target instanceof HTMLSelectElement && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) return false;
  const items = menuControls(menu);
  if (items.length === 0) return false;
  const at = items.indexOf(document.activeElement as HTMLElement);
  const to =
    e.key === 'ArrowDown'
      ? (at + 1) % items.length
      : e.key === 'ArrowUp'
        ? (at - 1 + items.length) % items.length
        : e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? items.length - 1
            : -1;
  if (to < 0) return false;
  items[to]?.focus();
  return true;
}

/** Two letters for an avatar: the first and last words' initials ("Ana Admin" → "AA"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}
