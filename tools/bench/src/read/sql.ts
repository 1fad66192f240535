/** The raw SQL of the peer's rows, as a prepared statement through the same driver the gateway uses. */
import postgres from 'postgres';
import { summarise, type Timing } from './stats';

export const PEER_ROWS_SQL = `SELECT subject_id, period, source, value, numerator, denominator, symbol
  FROM indicator_values
  WHERE indicator_id = $1 AND subject_kind = 'council' AND subject_id = ANY($2::text[])
  ORDER BY subject_id, period`;

export async function timeRawSql(
  databaseUrl: string,
  indicatorId: string,
  councils: readonly string[],
  runs: number,
): Promise<Timing & { rows: number }> {
  const sql = postgres(databaseUrl, { max: 1, prepare: true, onnotice: () => {} });
  try {
    let rows = 0;
    for (let i = 0; i < 5; i++)
      rows = (await sql.unsafe(PEER_ROWS_SQL, [indicatorId, councils as string[]], { prepare: true })).length;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await sql.unsafe(PEER_ROWS_SQL, [indicatorId, councils as string[]], { prepare: true });
      times.push(performance.now() - t);
    }
    return { ...summarise(times, times.reduce((a, b) => a + b, 0) / 1000), rows };
  } finally {
    await sql.end();
  }
}
