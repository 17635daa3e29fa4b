// The demo host page's Content-Security-Policy: as strict as a careful ISP's site, with Fio's origin only
// where the widget needs it (its script, its iframe, its config fetch). The README's "Website widget"
// section documents the same three directives for real sites.

export function hostPageCsp(fioOrigin: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${fioOrigin}`,
    `frame-src ${fioOrigin}`,
    `connect-src 'self' ${fioOrigin}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "object-src 'none'",
    "form-action 'self'",
  ].join('; ');
}
