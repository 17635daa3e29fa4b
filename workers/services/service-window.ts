// WhatsApp's customer service window: each customer message opens (or extends) 24 h in which free text may
// be sent; outside it only approved templates go out (Meta answers 131047 otherwise).
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

export function serviceWindowAfter(customerMessageAt: Date): Date {
  return new Date(customerMessageAt.getTime() + SERVICE_WINDOW_MS);
}

export function isWindowOpen(expiresAt: number | null, now: number): boolean {
  return expiresAt !== null && now < expiresAt;
}
