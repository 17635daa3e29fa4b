// More recipients for a draft from a CSV: the file is sent as it is and the server's per-line report shown.
import { createSignal } from 'solid-js';
import type { ImportReport } from '../../../../workers/contract/campaigns';
import { ApiError } from '../../api';
import { useAdmin } from '../admin-context';
import { type CsvChoice, CsvDrop } from './CsvDrop';
import { importCsv } from './campaigns-api';
import { cw } from './campaigns-i18n';

/** What a CSV import gave: the report, and the refusal when the file was refused whole. */
export interface ImportOutcome {
  report: ImportReport | null;
  error: string | null;
}

/** A refused import: no valid line (with the report when the envelope's details carry it), or another error. */
export function importFailure(err: unknown): ImportOutcome {
  if (!(err instanceof ApiError) || err.code !== 'validation_failed')
    return { report: null, error: cw().errors.csvFailed };
  // No valid line: the envelope's details carry the report; a bad file (header, encoding): a list of issues.
  const d = err.details as { report?: ImportReport } | undefined;
  const report = d && !Array.isArray(d) && d.report && Array.isArray(d.report.problems) ? d.report : null;
  return { report, error: report ? cw().errors.csvEmpty : cw().errors.csvInvalid };
}

export function CsvUpload(props: { campaignId: string; onImported: (outcome: ImportOutcome) => void }) {
  const admin = useAdmin();
  const [csv, setCsv] = createSignal<CsvChoice | null>(null);
  const [busy, setBusy] = createSignal(false);

  async function upload() {
    const file = csv()?.file;
    if (!file) return;
    setBusy(true);
    try {
      props.onImported({ report: await importCsv(admin.token, props.campaignId, file), error: null });
      setCsv(null);
    } catch (err) {
      props.onImported(importFailure(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="admin-panel" aria-labelledby="cmp-upload-title">
      <h4 id="cmp-upload-title">{cw().report.upload}</h4>
      <CsvDrop value={csv()} onChange={setCsv} />
      <button type="button" class="admin-primary" disabled={!csv() || busy()} onClick={upload}>
        {busy() ? cw().report.uploading : cw().report.upload}
      </button>
    </section>
  );
}
