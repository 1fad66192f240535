export * from './catalogue';
export { recomputeContinuity } from './recompute';
export * from './read';
