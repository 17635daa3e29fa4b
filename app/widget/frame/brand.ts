// The channel's colour as CSS custom properties: --fw-brand, a readable text colour on it (white or near
// black by WCAG contrast) and a darker shade for hover; set on the document root so every rule can use them.

function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const ch = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (ch[0] ?? 0) + 0.7152 * (ch[1] ?? 0) + 0.0722 * (ch[2] ?? 0);
}

export function applyBrand(color: string): void {
  if (!/^#[0-9a-f]{6}$/i.test(color)) return;
  const l = luminance(color);
  // Contrast with white: 1.05 / (l + 0.05); with near-black (#111): (l + 0.05) / 0.056.
  const onBrand = 1.05 / (l + 0.05) >= (l + 0.05) / 0.056 ? '#ffffff' : '#111111';
  const root = document.documentElement.style;
  root.setProperty('--fw-brand', color);
  root.setProperty('--fw-on-brand', onBrand);
}
