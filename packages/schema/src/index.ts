export { buildSchema, schema } from './schema';
export { createContext, guard, type Context, type ContextOptions, type AuditEntry, type Viewer } from './context';
export { printedSchema, schemaFile } from './print';
export { flushAudit, recordAudit, type Inserter } from './audit';
export { DEFAULT_LIMITS, isIntrospectionOnly, maxAliasesRule, operationLimitErrors, type QueryLimits } from './limits';
export { FORBIDDEN_MESSAGE, UNAUTHENTICATED_MESSAGE } from './errors';
export { upsertDirectory, type OrganisationRow, type UserRow } from './providers/directory';
