import type { Ssda903Rule } from '../ssda903-rule';
import { adoptionRules } from './adoption';
import { crossTableRules } from './cross-table';
import { episodeChainRules } from './episodes-chain';
import { episodeFieldRules } from './episodes-fields';
import { headerRules } from './header';
import { missingRules } from './missing';
import { oc2Rules } from './oc2';
import { oc3Rules } from './oc3';
import { reviewRules } from './reviews';
import { swEpisodeRules } from './sw-episodes';

/** Every SSDA903 rule, in the order their issues are listed. */
export const ssda903Rules: readonly Ssda903Rule[] = [
  ...headerRules,
  ...episodeFieldRules,
  ...episodeChainRules,
  ...reviewRules,
  ...missingRules,
  ...oc2Rules,
  ...oc3Rules,
  ...adoptionRules,
  ...swEpisodeRules,
  ...crossTableRules,
];
