// Fio's mark and logotype, drawn inline (no image or font to fetch, so the CSP and a slow link cost nothing):
// a rounded tile holding a thread that waves like a conversation. Colours come from CSS (--mark-bg, --mark-fg).

/** The mark alone, decorative (the brand's name is written beside it). */
export function FioMark() {
  return (
    <svg class="fio-mark" viewBox="0 0 32 32" width="22" height="22" aria-hidden="true">
      <rect class="fio-mark-tile" x="1" y="1" width="30" height="30" rx="9" />
      <path
        class="fio-mark-thread"
        d="M6.5 19c2.6-7 5.4-7 7.6 0s5 7 7.6 0c1-2.7 2.2-4.2 3.8-4.6"
        fill="none"
        stroke-width="2.8"
        stroke-linecap="round"
      />
      <circle class="fio-mark-dot" cx="25.6" cy="10.2" r="2.1" />
    </svg>
  );
}

/** Mark and name together, for the sign-in page's heading; its accessible name is "Fio". */
export function FioLogo() {
  return (
    <svg class="fio-logo" viewBox="0 0 118 40" width="118" height="40" role="img" aria-label="Fio">
      <g transform="translate(0 4)">
        <rect class="fio-mark-tile" x="0" y="0" width="32" height="32" rx="9" />
        <path
          class="fio-mark-thread"
          d="M5.5 18c2.6-7 5.4-7 7.6 0s5 7 7.6 0c1-2.7 2.2-4.2 3.8-4.6"
          fill="none"
          stroke-width="2.8"
          stroke-linecap="round"
        />
        <circle class="fio-mark-dot" cx="24.6" cy="9.2" r="2.1" />
      </g>
      <text class="fio-logo-word" x="42" y="31">
        Fio
      </text>
    </svg>
  );
}
