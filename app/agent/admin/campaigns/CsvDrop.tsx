// The CSV of recipients: dropped on the area or chosen with the file button (both keyboard-reachable through
// the button). Its header is read here so the variables can name its columns; the rows are checked by the
// server, which reports every refused line.
import { createSignal, createUniqueId, Show } from 'solid-js';
import { Notes } from '../fields';
import { cw, formatCount } from './campaigns-i18n';

export const CSV_MAX_BYTES = 5 * 1024 * 1024;

export interface CsvChoice {
  file: File;
  columns: string[];
  /** Lines after the header that are not blank (the server decides which are valid). */
  rows: number;
}

/** The header's column names (`;` when the header has more of them than `,`, as Excel in pt-BR writes). */
export function csvHeader(text: string): { columns: string[]; rows: number } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const head = lines[0] ?? '';
  const sep = (head.match(/;/g)?.length ?? 0) > (head.match(/,/g)?.length ?? 0) ? ';' : ',';
  const columns = head
    .split(sep)
    .map((c) => c.trim().replace(/^"|"$/g, ''))
    .filter(Boolean);
  return { columns, rows: lines.slice(1).filter((l) => l.trim()).length };
}

const size = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : `${formatCount(Math.round(bytes / 102.4) / 10)} KB`;

export function CsvDrop(props: {
  value: CsvChoice | null;
  onChange: (next: CsvChoice | null) => void;
  error?: string | undefined;
}) {
  const id = createUniqueId();
  const [over, setOver] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);
  let input: HTMLInputElement | undefined;

  async function take(file: File | undefined) {
    setProblem(null);
    if (!file) return;
    if (file.size > CSV_MAX_BYTES) {
      setProblem(cw().errors.csvTooBig);
      return;
    }
    const { columns, rows } = csvHeader(await file.text());
    props.onChange({ file, columns, rows });
  }

  return (
    <div class="admin-field">
      <span class="cmp-label" id={`${id}-label`}>
        {cw().wizard.csv}
      </span>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a mouse extra; the button inside chooses the file from the keyboard */}
      <div
        class={`cmp-drop${over() ? ' cmp-drop-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void take(e.dataTransfer?.files[0]);
        }}
      >
        <Show
          when={props.value}
          fallback={
            <>
              <span>{cw().wizard.csvDrop}</span>{' '}
              <button type="button" onClick={() => input?.click()} aria-describedby={`${id}-hint`}>
                {cw().wizard.csvChoose}
              </button>
            </>
          }
        >
          {(v) => (
            <>
              <span>
                {cw().wizard.csvChosen(v().file.name, size(v().file.size))} · {cw().wizard.csvRows(v().rows)}{' '}
                · {cw().wizard.csvColumns(v().columns.join(', '))}
              </span>
              <button
                type="button"
                onClick={() => {
                  props.onChange(null);
                  if (input) input.value = '';
                }}
              >
                {cw().wizard.csvRemove}
              </button>
            </>
          )}
        </Show>
        <input
          ref={input}
          id={id}
          class="cmp-file"
          type="file"
          name="csv"
          accept=".csv,text/csv"
          aria-labelledby={`${id}-label`}
          tabindex="-1"
          onChange={(e) => void take(e.currentTarget.files?.[0])}
        />
      </div>
      <Notes id={id} hint={cw().wizard.csvHint} error={problem() ?? props.error} />
    </div>
  );
}
