export { recomputeIndicators, recomputeAll, computedIndicators, type RecomputeOptions } from './recompute';
export { placementMovesByReason, type MovesByReason } from './moves';
export type { ReturnKind } from './scope';
export { lockAggregates, lockAllCouncils, lockCouncilScope, lockSubjects, subjectLock, subjectLockKey } from './locks';
