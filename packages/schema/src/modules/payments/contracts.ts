/** Contracts and their versions: types, queries and the council's writes. */
import {
  amendTerms,
  canManageContract,
  createContract,
  listContracts,
  type ContractVersionRecord,
} from '@continuity/payments';
import { builder, signedInType } from '../../builder';
import { guard } from '../../context';
import { practiceLookup, viewerOf } from '../../entitlements';
import { badInput } from '../../errors';
import { Council } from '../councils';
import { Practice } from '../practices';
import { audit, idOf, partyMutation, run } from './common';
import { statementsOfContractLoader, contractLoader, versionsLoader } from './loaders';
import { Contract, type StatementModel, Statement } from './refs';
import { Terms, TermsInput, termsOf, type TermsArg } from './terms';

const ContractVersion = builder.objectRef<ContractVersionRecord>('ContractVersion').implement({
  ...signedInType,
  description: 'One version of a contract’s terms. Versions are never changed: a change of terms is a new version.',
  fields: (t) => ({
    contractId: t.id({ resolve: (v) => String(v.contractId) }),
    version: t.exposeInt('version'),
    terms: t.field({ type: Terms, resolve: (v) => v.terms }),
    note: t.exposeString('note', { nullable: true }),
    createdBy: t.exposeString('createdBy', { description: 'User id.' }),
    createdAt: t.exposeString('createdAt', { description: 'ISO date-time.' }),
  }),
});

Contract.implement({
  ...signedInType,
  description: 'A payment-by-results contract: council x practice x reporting years.',
  fields: (t) => ({
    id: t.id({ resolve: (c) => String(c.id) }),
    name: t.exposeString('name'),
    councilCode: t.exposeID('councilCode'),
    council: t.field({ type: Council, resolve: (c) => c.councilCode }),
    practiceId: t.exposeID('practiceId'),
    practice: t.field({
      type: Practice,
      nullable: true,
      resolve: (c, _args, ctx) => practiceLookup(ctx).load(c.practiceId),
    }),
    periodStart: t.exposeInt('periodStart', { description: 'First reporting year (the year the period ends in).' }),
    periodEnd: t.exposeInt('periodEnd', { description: 'Last reporting year, inclusive.' }),
    createdBy: t.exposeString('createdBy'),
    createdAt: t.exposeString('createdAt', { description: 'ISO date-time.' }),
    latestVersion: t.exposeInt('latestVersion'),
    terms: t.field({
      type: Terms,
      description: 'The terms of the latest version.',
      resolve: async (c, _args, ctx) => (await versionsLoader(ctx).load(c.id)).at(-1)!.terms,
    }),
    versions: t.field({
      type: [ContractVersion],
      description: 'Every version, oldest first.',
      resolve: (c, _args, ctx) => versionsLoader(ctx).load(c.id),
    }),
    statements: t.field({
      type: [Statement],
      description: 'Issued statements, by period.',
      resolve: async (c, _args, ctx) =>
        (await statementsOfContractLoader(ctx).load(c.id)).map(
          (summary): StatementModel => ({ kind: 'issued', summary }),
        ),
    }),
    canManage: t.boolean({
      description: 'May the viewer change terms, preview under changed terms and issue statements?',
      resolve: (c, _args, ctx) => canManageContract(viewerOf(ctx), c),
    }),
  }),
});

builder.queryFields((t) => ({
  contracts: t.field({
    type: [Contract],
    description: 'Contracts the viewer may read (council: its own; practice: its own; policy: all).',
    args: { practiceId: t.arg.id(), councilCode: t.arg.id() },
    resolve: (_root, args, ctx) => {
      guard(ctx);
      return listContracts(ctx.database, viewerOf(ctx), { practiceId: args.practiceId, councilCode: args.councilCode });
    },
  }),
  contract: t.field({
    type: Contract,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => {
      const id = idOf(args.id);
      return id === null ? null : contractLoader(ctx).load(id);
    },
  }),
}));

const CreateContractInput = builder.inputType('CreateContractInput', {
  fields: (t) => ({
    practiceId: t.id({ required: true }),
    name: t.string({ required: true }),
    periodStart: t.int({ required: true, description: 'First reporting year (the year the period ends in).' }),
    periodEnd: t.int({ required: true }),
    terms: t.field({ type: TermsInput, required: true }),
    note: t.string(),
  }),
});

builder.mutationFields((t) => ({
  createContract: t.field({
    type: Contract,
    ...partyMutation,
    description: "Council only: a contract with one of the council's practices; its terms become version 1.",
    args: { input: t.arg({ type: CreateContractInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const viewer = viewerOf(ctx);
      const terms = termsOf(args.input.terms as TermsArg);
      const contract = await run(() =>
        createContract(ctx.database, viewer, {
          practiceId: args.input.practiceId,
          name: args.input.name,
          periodStart: args.input.periodStart,
          periodEnd: args.input.periodEnd,
          terms,
          note: args.input.note,
        }),
      );
      await audit(ctx, viewer, 'create_contract', `contract:${contract.id}`, {
        practiceId: contract.practiceId,
        version: 1,
      });
      return contract;
    },
  }),
  amendContractTerms: t.field({
    type: ContractVersion,
    ...partyMutation,
    description: 'Council only: new terms become the next version; earlier versions stay as they were.',
    args: {
      contractId: t.arg.id({ required: true }),
      terms: t.arg({ type: TermsInput, required: true }),
      note: t.arg.string(),
    },
    resolve: async (_root, args, ctx) => {
      guard(ctx);
      const viewer = viewerOf(ctx);
      const contractId = idOf(args.contractId);
      if (contractId === null) throw badInput(`No contract ${args.contractId}`);
      const terms = termsOf(args.terms as TermsArg);
      const version = await run(() => amendTerms(ctx.database, viewer, { contractId, terms, note: args.note }));
      await audit(ctx, viewer, 'amend_contract_terms', `contract:${contractId}`, { version: version.version });
      return version;
    },
  }),
}));
