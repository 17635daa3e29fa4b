// A minimal multipart/form-data parser for the Graph media upload (fields `messaging_product`, `type` and
// `file`): enough for what fetch + FormData and curl send, with part bytes kept exact.

export interface FormPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

export function boundaryOf(contentType: string | undefined): string | null {
  const match = /multipart\/form-data.*;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2] ?? null) : null;
}

function parseHeaders(block: string): Omit<FormPart, 'data'> | null {
  let name: string | null = null;
  let filename: string | null = null;
  let contentType: string | null = null;
  for (const line of block.split('\r\n')) {
    const [key, ...rest] = line.split(':');
    const value = rest.join(':').trim();
    if (key?.toLowerCase() === 'content-disposition') {
      name = /\bname="([^"]*)"/i.exec(value)?.[1] ?? null;
      filename = /\bfilename="([^"]*)"/i.exec(value)?.[1] ?? null;
    } else if (key?.toLowerCase() === 'content-type') {
      contentType = value;
    }
  }
  return name === null ? null : { name, filename, contentType };
}

/** Parts in order; malformed parts are skipped (the caller reports the missing field). */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    // Each part sits between "--boundary\r\n" and "\r\n--boundary".
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const headers = split === -1 ? null : parseHeaders(part.subarray(0, split).toString('utf8'));
    if (headers) parts.push({ ...headers, data: Buffer.from(part.subarray(split + 4)) });
    start = next;
  }
  return parts;
}
