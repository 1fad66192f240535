/**
 * Disputes on a statement line (issue 18). The practice of a contract raises one on a line of an
 * issued statement, saying why; the contract's council answers it, upholding or rejecting it (an
 * upheld dispute is put right by re-issuing the statement, reissueStatement). Nothing is edited:
 * raising and answering each insert an event (the tables refuse UPDATE and DELETE), and a dispute's
 * state is its latest event. The two parties read them; the Department (policy) and admins read
 * them too, and change nothing. One open dispute per line at a time.
 */
import { sql } from 'drizzle-orm';
import type { Viewer } from '@continuity/access';
import { disputeEvents, statementDisputes, type Database } from '@continuity/db';
import { rowsOf } from './facts';
import { readableContractsSql } from './scope';
import { getStatement, PaymentsError, type ServiceOptions } from './service';
import type { StatementDocument } from './document';

export type DisputeState = 'open' | 'upheld' | 'rejected';

export interface DisputeEvent {
  kind: 'raised' | 'answered';
  party: 'practice' | 'council';
  author: string;
  at: string;
  message: string;
  resolution: 'upheld' | 'rejected' | null;
}

export interface DisputeRecord {
  id: number;
  statementId: number;
  contractId: number;
  indicatorId: string;
  raisedBy: string;
  raisedAt: string;
  state: DisputeState;
  /** Oldest first. */
  events: DisputeEvent[];
}

interface DisputeRow {
  id: number;
  statement_id: number;
  contract_id: number;
  indicator_id: string;
  raised_by: string;
  raised_at: string | Date;
  kind: DisputeEvent['kind'];
  party: DisputeEvent['party'];
  author: string;
  at: string | Date;
  message: string;
  resolution: DisputeEvent['resolution'];
}

const iso = (t: string | Date) => new Date(t).toISOString();
const clock = (options: ServiceOptions) => (options.now ?? (() => new Date()))();

export interface DisputeFilter {
  statementIds?: readonly number[];
  ids?: readonly number[];
}

/** Disputes the viewer may read (those on statements of contracts it may read), with their events. */
export async function listDisputes(
  database: Database,
  viewer: Viewer,
  filter: DisputeFilter,
): Promise<DisputeRecord[]> {
  const ids = (list: readonly number[]) =>
    sql.join(
      list.map((id) => sql`${id}::int`),
      sql`, `,
    );
  const where = [readableContractsSql(viewer)];
  if (filter.statementIds) {
    if (filter.statementIds.length === 0) return [];
    where.push(sql`d.statement_id IN (${ids(filter.statementIds)})`);
  }
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    where.push(sql`d.id IN (${ids(filter.ids)})`);
  }
  const rows = await database.rows<DisputeRow>(sql`
    SELECT d.id, d.statement_id, s.contract_id, d.indicator_id, d.raised_by, d.raised_at,
      e.kind::text AS kind, e.party, e.author, e.at, e.message, e.resolution::text AS resolution
    FROM statement_disputes d
    JOIN statements s ON s.id = d.statement_id
    JOIN contracts c ON c.id = s.contract_id
    JOIN dispute_events e ON e.dispute_id = d.id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY d.statement_id, d.id, e.id`);
  const out = new Map<number, DisputeRecord>();
  for (const r of rows) {
    let dispute = out.get(r.id);
    if (!dispute) {
      dispute = {
        id: r.id,
        statementId: r.statement_id,
        contractId: r.contract_id,
        indicatorId: r.indicator_id,
        raisedBy: r.raised_by,
        raisedAt: iso(r.raised_at),
        state: 'open',
        events: [],
      };
      out.set(r.id, dispute);
    }
    dispute.events.push({
      kind: r.kind,
      party: r.party,
      author: r.author,
      at: iso(r.at),
      message: r.message,
      resolution: r.resolution,
    });
    dispute.state = r.kind === 'answered' ? r.resolution! : 'open';
  }
  return [...out.values()];
}

function checkMessage(message: string): string {
  const text = message.trim();
  if (!text || text.length > 4000) throw new PaymentsError('INVALID', 'A message of 1 to 4000 characters is needed');
  return text;
}

const isParty = (viewer: Viewer, kind: 'practice' | 'council', id: string) =>
  viewer.role === kind && viewer.organisation.kind === kind && viewer.organisation.id === id;

/** The practice of the statement's contract disputes one of its lines. */
export async function raiseDispute(
  database: Database,
  viewer: Viewer,
  input: { statementId: number; indicatorId: string; message: string },
  options: ServiceOptions = {},
): Promise<DisputeRecord> {
  const statement = await getStatement(database, viewer, input.statementId);
  if (!statement) throw new PaymentsError('NOT_FOUND', `No statement ${input.statementId}`);
  if (!isParty(viewer, 'practice', statement.practiceId)) {
    throw new PaymentsError('FORBIDDEN', 'Only the practice of a contract can dispute its statements');
  }
  const document = JSON.parse(statement.document) as StatementDocument;
  if (!document.lines.some((l) => l.indicatorId === input.indicatorId)) {
    throw new PaymentsError('INVALID', `Statement ${statement.id} has no line ${input.indicatorId}`);
  }
  const message = checkMessage(input.message);
  const at = clock(options);
  const id = await database.db.transaction(async (tx) => {
    // lock the statement's contract so two raises of one line cannot both pass the check
    await tx.execute(sql`SELECT id FROM contracts WHERE id = ${statement.contractId} FOR UPDATE`);
    const open = await rowsOf<{ id: number }>(
      tx,
      sql`SELECT d.id FROM statement_disputes d
        WHERE d.statement_id = ${statement.id} AND d.indicator_id = ${input.indicatorId}
          AND NOT EXISTS (SELECT 1 FROM dispute_events e WHERE e.dispute_id = d.id AND e.kind = 'answered')`,
    );
    if (open.length)
      throw new PaymentsError(
        'CONFLICT',
        `Line ${input.indicatorId} of statement ${statement.id} is disputed already (dispute ${open[0]!.id})`,
      );
    const [row] = await tx
      .insert(statementDisputes)
      .values({ statementId: statement.id, indicatorId: input.indicatorId, raisedBy: viewer.userId, raisedAt: at })
      .returning({ id: statementDisputes.id });
    await tx
      .insert(disputeEvents)
      .values({ disputeId: row!.id, kind: 'raised', party: 'practice', author: viewer.userId, at, message });
    return row!.id;
  });
  return (await listDisputes(database, viewer, { ids: [id] }))[0]!;
}

/** The council of the contract answers an open dispute, upholding or rejecting it. */
export async function answerDispute(
  database: Database,
  viewer: Viewer,
  input: { disputeId: number; resolution: 'upheld' | 'rejected'; message: string },
  options: ServiceOptions = {},
): Promise<DisputeRecord> {
  const dispute = (await listDisputes(database, viewer, { ids: [input.disputeId] }))[0];
  if (!dispute) throw new PaymentsError('NOT_FOUND', `No dispute ${input.disputeId}`);
  const statement = (await getStatement(database, viewer, dispute.statementId))!;
  if (!isParty(viewer, 'council', statement.councilCode)) {
    throw new PaymentsError('FORBIDDEN', 'Only the council of a contract can answer disputes on its statements');
  }
  const message = checkMessage(input.message);
  const at = clock(options);
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM contracts WHERE id = ${statement.contractId} FOR UPDATE`);
    const answered = await rowsOf<{ id: number }>(
      tx,
      sql`SELECT id FROM dispute_events WHERE dispute_id = ${dispute.id} AND kind = 'answered'`,
    );
    if (answered.length) throw new PaymentsError('CONFLICT', `Dispute ${dispute.id} was answered already`);
    await tx.insert(disputeEvents).values({
      disputeId: dispute.id,
      kind: 'answered',
      party: 'council',
      author: viewer.userId,
      at,
      message,
      resolution: input.resolution,
    });
  });
  return (await listDisputes(database, viewer, { ids: [dispute.id] }))[0]!;
}
