import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from '../../catalogue';
import { cswwCases } from '../../csww/rules.cases';
import { cswwFindings, findings, type RuleCase } from '../testing';
import { adoptionCases } from './adoption.cases';
import { crossTableCases } from './cross-table.cases';
import { episodeChainCases } from './episodes-chain.cases';
import { episodeFieldCases } from './episodes-fields.cases';
import { headerCases } from './header.cases';
import { missingCases } from './missing.cases';
import { oc2Cases } from './oc2.cases';
import { oc3Cases } from './oc3.cases';
import { reviewCases } from './reviews.cases';
import { swEpisodeCases } from './sw-episodes.cases';

/* Every rule, on small hand-worked returns (collection year 2024-25 unless a case says otherwise). */

const ssda903Cases: RuleCase[] = [
  ...headerCases,
  ...episodeFieldCases,
  ...episodeChainCases,
  ...reviewCases,
  ...missingCases,
  ...oc2Cases,
  ...oc3Cases,
  ...adoptionCases,
  ...swEpisodeCases,
  ...crossTableCases,
];

describe('SSDA903 rules', () => {
  for (const c of ssda903Cases) {
    it(`${c.code}: ${c.name}`, () => {
      expect(findings(c.code, c.given, c.year)).toEqual(c.expect);
    });
  }
});

describe('workforce census rules', () => {
  for (const c of cswwCases) {
    it(`${c.code}: ${c.name}`, () => {
      expect(cswwFindings(c.code, c.xml, 2024, c.council)).toEqual(c.expect);
    });
  }
});

describe('coverage', () => {
  it('every rule has a passing and a failing case', () => {
    const cases = [...ssda903Cases, ...cswwCases];
    const missing = ruleCatalogue().flatMap((r) => {
      const mine = cases.filter((c) => c.code === r.code);
      const lacks = [];
      if (!mine.some((c) => c.expect.length === 0)) lacks.push(`${r.code} passing`);
      if (!mine.some((c) => c.expect.length > 0)) lacks.push(`${r.code} failing`);
      return lacks;
    });
    expect(missing).toEqual([]);
  });
});
