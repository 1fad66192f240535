/** CSV and spreadsheet (XLSX, write-excel-file) downloads of the table as sorted, as real links to Blob URLs. */
import { useEffect, useState } from 'react';
import { DownloadCsv } from '../../figures/DownloadCsv';
import type { CsvCell } from '../../figures/csv';
import { sheetCells } from './table';

function useXlsxUrl(rows: readonly (readonly CsvCell[])[]): string | null {
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    let url: string | null = null;
    let cancelled = false;
    // The library loads with the first table, in its own chunk.
    import('write-excel-file/browser')
      .then(({ default: writeExcelFile }) => writeExcelFile(sheetCells(rows)).toBlob())
      .then((blob) => {
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setHref(url);
      })
      .catch(() => setHref(null));
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [rows]);
  return href;
}

export function Downloads({ rows, stem }: { rows: readonly (readonly CsvCell[])[]; stem: string }) {
  const xlsx = useXlsxUrl(rows);
  return (
    <div className="app-downloads">
      <DownloadCsv rows={rows} fileName={`${stem}.csv`} label="Download this table" />
      {xlsx ? (
        <p className="govuk-body app-download">
          <a className="govuk-link" href={xlsx} download={`${stem}.xlsx`} data-testid="xlsx-download">
            Download this table <span className="app-nowrap">(Excel spreadsheet, XLSX)</span>
          </a>
        </p>
      ) : null}
    </div>
  );
}
