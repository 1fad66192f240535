/** Loaders: one statement per request for each kind of look-up. */
import DataLoader from 'dataloader';
import { createContextCache } from '@pothos/core';
import {
  getStatements,
  listContracts,
  listStatements,
  versionsOfContracts,
  type ContractRecord,
  type ContractVersionRecord,
  type IssuedStatement,
  type StatementDocument,
  type StatementSummary,
} from '@continuity/payments';
import { guard, type Context } from '../../context';
import { viewerOf } from '../../entitlements';

export const contractLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, ContractRecord | null>(async (ids) => {
      guard(ctx);
      const rows = await listContracts(ctx.database, viewerOf(ctx), { ids });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
);

export const versionsLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, ContractVersionRecord[]>(async (ids) => {
      guard(ctx);
      const map = await versionsOfContracts(ctx.database, viewerOf(ctx), ids);
      return ids.map((id) => map.get(id) ?? []);
    }),
);

export const statementsOfContractLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, StatementSummary[]>(async (ids) => {
      guard(ctx);
      const rows = await listStatements(ctx.database, viewerOf(ctx), { contractIds: ids });
      return ids.map((id) => rows.filter((r) => r.contractId === id));
    }),
);

export interface Frozen {
  statement: IssuedStatement;
  document: StatementDocument;
}

export const frozenLoader = createContextCache(
  (ctx: Context) =>
    new DataLoader<number, Frozen | null>(async (ids) => {
      guard(ctx);
      const rows = await getStatements(ctx.database, viewerOf(ctx), ids);
      const byId = new Map(
        rows.map((r) => [r.id, { statement: r, document: JSON.parse(r.document) as StatementDocument }]),
      );
      return ids.map((id) => byId.get(id) ?? null);
    }),
);
