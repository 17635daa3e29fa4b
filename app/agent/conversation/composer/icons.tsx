// Small inline icons of the composer's tools (drawn, not emoji: a machine without an emoji font shows boxes).

export function PaperclipIcon() {
  return (
    <svg class="composer-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
      <path
        d="M21 11.5 12.5 20a5.5 5.5 0 0 1-7.8-7.8l8.5-8.5a3.7 3.7 0 0 1 5.2 5.2l-8.5 8.5a1.8 1.8 0 0 1-2.6-2.6L15 7"
        fill="none"
        stroke="currentColor"
        stroke-width="2"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  );
}

export function DocumentIcon() {
  return (
    <svg class="attachment-icon" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true">
      <path
        d="M6 2h8l5 5v15H6z M14 2v5h5 M9 13h7 M9 17h7"
        fill="none"
        stroke="currentColor"
        stroke-width="1.6"
        stroke-linejoin="round"
      />
    </svg>
  );
}
