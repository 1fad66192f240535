/**
 * How a statement reaches a viewer: the frozen document loaded once, the lines as this viewer may
 * see them (owners as frozen, others disclosure-controlled), and every read of figures audited once.
 */
import { createContextCache } from '@pothos/core';
import {
  discloseStatement,
  ownsContractFigures,
  type DisclosedStatement,
  type StatementDocument,
  type StatementSummary,
} from '@continuity/payments';
import type { Context } from '../../context';
import { viewerOf } from '../../entitlements';
import { badInput } from '../../errors';
import { frozenLoader } from './loaders';
import type { StatementModel } from './refs';

export interface Resolved {
  document: StatementDocument;
  /** The stored bytes (issued) or null (preview). */
  text: string | null;
  sha256: string | null;
  intact: boolean | null;
  owned: boolean;
}

export async function resolved(model: StatementModel, ctx: Context): Promise<Resolved> {
  const viewer = viewerOf(ctx);
  if (model.kind === 'preview') {
    return {
      document: model.document,
      text: null,
      sha256: null,
      intact: null,
      owned: ownsContractFigures(viewer, model),
    };
  }
  const frozen = await frozenLoader(ctx).load(model.summary.id);
  if (!frozen) throw badInput(`No statement ${model.summary.id}`);
  return {
    document: frozen.document,
    text: frozen.statement.document,
    sha256: frozen.statement.sha256,
    intact: frozen.statement.intact,
    owned: ownsContractFigures(viewer, model.summary),
  };
}

/** Statements whose read this request has already put in the audit trail. */
const audited = createContextCache((_ctx: Context) => new Set<string>());

/** Puts one read of a statement in the audit trail, once per request for each part read. */
export function auditRead(model: StatementModel, r: Resolved, ctx: Context, part: 'figures' | 'document'): void {
  const statement =
    model.kind === 'issued'
      ? `statement:${model.summary.id}`
      : `statement-preview:${r.document.contract.id}:${r.document.period}`;
  const target = part === 'figures' ? statement : `${statement}:document`;
  if (audited(ctx).has(target)) return;
  audited(ctx).add(target);
  ctx.audit.push({
    action: 'read',
    target,
    detail: {
      contractId: r.document.contract.id,
      period: r.document.period,
      practiceId: r.document.contract.practiceId,
    },
  });
}

/**
 * The lines and totals as this viewer may see them (owners: as frozen; others: discloseStatement, which
 * withholds what would give a suppressed figure back); reading them is a read of child-derived figures
 * (audited once).
 */
export async function seenFor(model: StatementModel, ctx: Context): Promise<DisclosedStatement> {
  const r = await resolved(model, ctx);
  auditRead(model, r, ctx, 'figures');
  const card = r.document.rateCard;
  return r.owned
    ? {
        lines: r.document.lines,
        totals: r.document.totals,
        rateCard: card ? { lines: card.lines, paidPence: card.paidPence } : null,
      }
    : discloseStatement(r.document);
}

/** An issued statement's money from its summary row for the parties; everyone else, as disclosed. */
export const money =
  (pick: (t: DisclosedStatement['totals']) => number | null, summary: (s: StatementSummary) => number) =>
  async (m: StatementModel, _args: unknown, ctx: Context): Promise<number | null> => {
    if (m.kind === 'issued' && ownsContractFigures(viewerOf(ctx), m.summary)) return summary(m.summary);
    return pick((await seenFor(m, ctx)).totals);
  };

export const fromDocument =
  <T>(read: (d: StatementDocument) => T) =>
  async (model: StatementModel, _args: unknown, ctx: Context): Promise<T> =>
    read((await resolved(model, ctx)).document);

export const ownedOnly =
  <T>(read: (r: Resolved) => T | null) =>
  async (model: StatementModel, _args: unknown, ctx: Context): Promise<T | null> => {
    const r = await resolved(model, ctx);
    return r.owned ? read(r) : null;
  };
