// Stored files as clients see them (GET /api/conversations/:id/files/:key): always a download unless the
// client asks for a preview (`?preview=1`) and the bytes proved one of these types. The server sniffs the
// type from the bytes; these lists are what both sides agree a browser may show without running anything.

/** Raster images the agent client shows inline (never SVG: it can carry script). */
export const PREVIEW_IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

export const PREVIEW_PDF_TYPE = 'application/pdf';

/** Every type a file may be served inline as, when a preview is asked for. */
export const PREVIEW_TYPES: readonly string[] = [
  ...PREVIEW_IMAGE_TYPES,
  PREVIEW_PDF_TYPE,
  'audio/ogg',
  'audio/mpeg',
  'audio/aac',
  'audio/mp4',
  'audio/amr',
  'video/mp4',
  'video/3gpp',
  'video/webm',
];
