import { useEffect, useMemo, useState } from 'react';
import { toCsv, type CsvCell } from './csv';

/**
 * "Download this data (CSV)": a real link to a Blob URL made from the rows, so it works from the
 * keyboard, opens the browser's save dialog and can be copied like any other link.
 */
export function DownloadCsv({
  rows,
  fileName,
  label,
}: {
  rows: readonly (readonly CsvCell[])[];
  fileName: string;
  label?: string;
}) {
  const csv = useMemo(() => toCsv(rows), [rows]);
  // The Blob URL is made in an effect (and revoked by its cleanup), so it always belongs to the
  // rendered link, also when React runs effects twice in development.
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [csv]);
  if (!href) return null;
  const lines = rows.length - 1;
  return (
    <p className="govuk-body app-download">
      <a className="govuk-link" href={href} download={fileName} data-testid="csv-download">
        {label ?? 'Download this data'}{' '}
        <span className="app-nowrap">
          (CSV, {lines} {lines === 1 ? 'row' : 'rows'})
        </span>
      </a>
    </p>
  );
}
