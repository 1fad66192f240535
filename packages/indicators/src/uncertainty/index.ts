export {
  wilsonInterval,
  clopperPearsonInterval,
  proportionInterval,
  SMALL_DENOMINATOR,
  type Interval,
} from './proportion';
export {
  funnelLimits,
  overdispersion,
  chiSquareQuantile,
  type FunnelUnit,
  type Overdispersion,
  type Adjustment,
  type Limits,
} from './funnel';
export { zFor } from './normal';
