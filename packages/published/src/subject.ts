/** A row of a DfE table, columns by name. */
export type Row = Readonly<Record<string, string>>;

export type SubjectKind = 'england' | 'region' | 'council';

export interface Subject {
  kind: SubjectKind;
  /** england: the country code (E92000001); region: region code; council: 3-digit DfE code. */
  id: string;
  /**
   * Councils reported jointly with this one. The CSWW tables print shared services as one row, e.g.
   * "314 / 318" (Kingston upon Thames / Richmond upon Thames, one children's trust); the figure is
   * attributed to the first code and the partners get `z` (not applicable), which is how DfE's earlier
   * headline-measures table printed the same services (314 with the figures, 318 as z).
   */
  partners: string[];
}

/** Who a row is about, from its geographic level. Unknown levels are an error, never skipped. */
export function subjectOf(row: Row): Subject {
  const level = row.geographic_level;
  switch (level) {
    case 'National':
      return { kind: 'england', id: required(row, 'country_code'), partners: [] };
    case 'Regional':
      return { kind: 'region', id: required(row, 'region_code'), partners: [] };
    case 'Local authority': {
      const [first, ...partners] = required(row, 'old_la_code')
        .split('/')
        .map((code) => code.trim());
      return { kind: 'council', id: first!, partners };
    }
    default:
      throw new Error(`unknown geographic_level "${level}"`);
  }
}

function required(row: Row, column: string): string {
  const value = row[column]?.trim();
  if (!value) throw new Error(`${row.geographic_level} row without ${column}`);
  return value;
}
