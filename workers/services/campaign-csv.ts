// CSV as ISPs export it: UTF-8 with or without a BOM, ',' or ';' between fields (Brazilian Excel writes ';'),
// fields in double quotes with "" for a quote and line breaks inside, CRLF or LF. The separator is the one the
// header row uses. Each record keeps the line it started on, so an import report points at what a person sees
// in their editor.

export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  fields: string[];
}

export interface ParsedCsv {
  header: string[];
  separator: ',' | ';';
  records: CsvRecord[];
}

/** The separator the first line uses most outside quotes (',' when tied or absent). */
function detectSeparator(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** Every record of the text (blank lines skipped); null header when the file is empty. */
export function parseCsv(input: string): ParsedCsv | null {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const separator = detectSeparator(text);
  const rows: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]?.trim()) rows.push({ line: start, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === separator) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += ch;
  }
  if (field !== '' || fields.length > 0) endRecord();
  const [head, ...records] = rows;
  if (!head) return null;
  return { header: head.fields.map((h) => h.trim().toLowerCase()), separator, records };
}
