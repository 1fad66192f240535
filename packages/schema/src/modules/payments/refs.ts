/** Refs first, implemented in contracts.ts and statements.ts: Contract and Statement refer to each other. */
import type { ContractRecord, StatementDocument, StatementSummary } from '@continuity/payments';
import { builder } from '../../builder';

/** A statement to resolve: an issued one (its frozen document loads on demand) or a preview. */
export type StatementModel =
  | { kind: 'issued'; summary: StatementSummary }
  | { kind: 'preview'; document: StatementDocument; councilCode: string; practiceId: string };

export const Contract = builder.objectRef<ContractRecord>('Contract');
export const Statement = builder.objectRef<StatementModel>('Statement');
