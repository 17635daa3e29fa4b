// Small line icons for the timeline's cards, drawn inline (no emoji font or image request needed), hidden
// from screen readers: the text beside each says what it is.
const PATHS = {
  pin: 'M12 22s7-6.2 7-12a7 7 0 1 0-14 0c0 5.8 7 12 7 12zm0-9a3 3 0 1 1 0-6 3 3 0 0 1 0 6z',
  document: 'M6 2h8l5 5v15H6zM14 2v5h5M9 13h7M9 17h7',
  mic: 'M12 3a3 3 0 0 1 3 3v6a3 3 0 0 1-6 0V6a3 3 0 0 1 3-3zM6 11a6 6 0 0 0 12 0M12 17v4',
  cart: 'M3 4h2l2.4 11h10.2L20 7H6.2M9 20a1 1 0 1 0 0-.1M17 20a1 1 0 1 0 0-.1',
  megaphone: 'M3 10v4h3l7 4V6L6 10zM16 9a4 4 0 0 1 0 6M6 14l1 5h2',
  image: 'M3 5h18v14H3zM3 16l5-5 4 4 3-3 6 6M15 9.5a1.5 1.5 0 1 0 0-.1',
  video: 'M3 6h13v12H3zM16 10l5-3v10l-5-3',
  play: 'M7 4v16l13-8z',
  warning: 'M12 3l10 18H2zM12 10v5M12 18v.1',
  forward: 'M14 5l7 7-7 7M21 12H9a6 6 0 0 0-6 6',
} as const;

export type IconName = keyof typeof PATHS;

export function MediaIcon(props: { name: IconName; class?: string }) {
  return (
    <svg
      class={`media-svg ${props.class ?? ''}`}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={PATHS[props.name]} />
    </svg>
  );
}
