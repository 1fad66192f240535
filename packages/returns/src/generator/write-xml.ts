/**
 * XML serialisers: the SSDA903 return in the "Expanded SSDA903 Return" XML form
 * (data/formats/ssda903_expanded_return_2021_CLA.xsd: EXPSSDA903 / CHILD / HEADER, EPISODE with the
 * placement element PL), and the workforce census in the CSWW 2022 form
 * (data/formats/csww_social_work_workforce_2022.xsd: Message / Header / LALevelVacancies / CSWWWorker).
 * Elements follow each schema's sequence order; optional elements are left out when blank.
 *
 * The 2021 903 schema predates social worker episodes, so the XML form carries no SW episodes: use the
 * CSV form (sw_episodes.csv) where they are needed.
 */
import type { CswwReturn, CswwWorker } from './csww';
import { dayOf, formatDfe, formatIso, type Day } from './dates';
import { ByteSink, type GeneratedFile } from './sink';
import type { Child903, Ssda903Return } from './ssda903';

function esc(v: string): string {
  return /[&<>"']/.test(v)
    ? v
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;')
    : v;
}

/** A required element: empty when the value is blank. */
const req = (tag: string, v: string | number | null): string =>
  v === null || v === '' ? `<${tag}/>` : `<${tag}>${esc(String(v))}</${tag}>`;
/** An optional element: left out when the value is blank. */
const opt = (tag: string, v: string | number | null): string =>
  v === null || v === '' ? '' : `<${tag}>${esc(String(v))}</${tag}>`;
const dd = (day: Day | null): string | null => (day === null ? null : formatDfe(day));

function child903(c: Child903): string {
  const parts: string[] = ['<CHILD><HEADER>'];
  parts.push(
    req('CHILDID', c.child),
    req('UPN', c.upn),
    req('SEX', c.sex),
    req('DOB', formatDfe(c.dob)),
    req('ETHNIC', c.ethnic),
  );
  parts.push(req('UASC', c.uasc ? '1' : null), opt('DUC', c.uasc ? formatDfe(c.uasc.duc) : null));
  if (c.ad1) {
    const a = c.ad1;
    parts.push(
      opt('DATE_INT', dd(a.dateInt)),
      opt('DATE_MATCH', dd(a.dateMatch)),
      opt('FOSTER_CARE', a.fosterCare),
      opt('NB_ADOPTR', a.nbAdoptr),
      opt('SEX_ADOPTR', a.sexAdoptr),
      opt('LS_ADOPTR', a.lsAdoptr),
    );
  }
  if (c.oc3) parts.push(opt('IN_TOUCH', c.oc3.inTouch), opt('ACTIV', c.oc3.activ), opt('ACCOM', c.oc3.accom));
  for (const m of c.missing) {
    parts.push(
      `<AMISSING>${req('MISSING', m.missing)}${req('MIS_START', formatDfe(m.misStart))}${opt('MIS_END', dd(m.misEnd))}</AMISSING>`,
    );
  }
  for (const r of c.reviews)
    parts.push(`<AREVIEW>${req('REVIEW', formatDfe(r.review))}${req('REVIEW_CODE', r.reviewCode)}</AREVIEW>`);
  parts.push(opt('MOTHER', c.mother), opt('MC_DOB', dd(c.mcDob)));
  if (c.prevPerm) {
    const p = c.prevPerm;
    parts.push(
      `<PERMANENCE>${opt('PREV_PERM', p.prevPerm)}${opt('LA_PERM', p.laPerm)}${opt('DATE_PERM', dd(p.datePerm))}</PERMANENCE>`,
    );
  }
  if (c.oc2) {
    const o = c.oc2;
    parts.push(
      '<OC2>',
      opt('SDQ_SCORE', o.sdqScore),
      opt('SDQ_REASON', o.sdqReason),
      opt('CONVICTED', o.convicted),
      opt('HEALTH_CHECK', o.healthCheck),
      opt('IMMUNISATIONS', o.immunisations),
      opt('TEETH_CHECK', o.teethCheck),
      opt('HEALTH_ASSESSMENT', o.healthAssessment),
      opt('SUBSTANCE_MISUSE', o.substanceMisuse),
      opt('INTERVENTION_RECEIVED', o.interventionReceived),
      opt('INTERVENTION_OFFERED', o.interventionOffered),
      '</OC2>',
    );
  }
  for (const p of c.placedAdoption) {
    parts.push(
      `<AD_PLACED>${req('DATE_PLACED', formatDfe(p.datePlaced))}${opt('DATE_PLACED_CEASED', dd(p.datePlacedCeased))}` +
        `${opt('REASON_PLACED_CEASED', p.reasonPlacedCeased)}</AD_PLACED>`,
    );
  }
  parts.push('</HEADER>');
  for (const e of c.episodes) {
    parts.push(
      `<EPISODE>${req('DECOM', formatDfe(e.decom))}${req('RNE', e.rne)}${req('LS', e.ls)}${req('CIN', e.cin)}${req('PL', e.place)}` +
        `${opt('PL_POST', e.plPost)}${opt('HOME_POST', e.homePost)}${opt('URN', e.urn)}${opt('PLACE_PROVIDER', e.placeProvider)}` +
        `${req('DEC', dd(e.dec))}${req('REC', e.rec)}${opt('REASON_PLACE_CHANGE', e.reasonPlaceChange)}</EPISODE>`,
    );
  }
  parts.push('</CHILD>\n');
  return parts.join('');
}

export interface XmlOptions {
  /** File name; default `${councilCode}_${year}_ssda903.xml` / `${councilCode}_${year}_csww.xml`. */
  name?: string;
}

export function writeSsda903Xml(ret: Ssda903Return, opts: XmlOptions = {}): GeneratedFile {
  const out = new ByteSink();
  out.write('<?xml version="1.0" encoding="UTF-8"?>\n<EXPSSDA903>\n');
  for (const c of ret.children) out.write(child903(c));
  out.write('</EXPSSDA903>\n');
  const suffix = ret.practiceId ? `_${ret.practiceId}` : '';
  return { name: opts.name ?? `${ret.councilCode}_${ret.collectionYear}${suffix}_ssda903.xml`, bytes: out.bytes() };
}

/** xs:decimal with at most `digits` fraction digits, without trailing zeros. */
function dec(v: number, digits: number): string {
  const s = v.toFixed(digits);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

function worker(wk: CswwWorker): string {
  const date = (d: Day | null) => (d === null ? null : formatIso(d));
  return (
    '<CSWWWorker>' +
    req('AgencyWorker', wk.agencyWorker) +
    req('SWENo', wk.sweNo) +
    opt('FTE', wk.fte === null ? null : dec(wk.fte, 6)) +
    opt('PersonBirthDate', date(wk.personBirthDate)) +
    opt('GenderCurrent', wk.genderCurrent) +
    opt('Ethnicity', wk.ethnicity) +
    req('QualInst', wk.qualInst) +
    opt('QualLevel', wk.qualLevel) +
    opt('StepUpGrad', wk.stepUpGrad) +
    opt('OrgRole', wk.orgRole) +
    opt('RoleStartDate', date(wk.roleStartDate)) +
    opt('StartOrigin', wk.startOrigin) +
    opt('RoleEndDate', date(wk.roleEndDate)) +
    opt('LeaverDestination', wk.leaverDestination) +
    opt('ReasonLeave', wk.reasonLeave) +
    opt('FTE30', wk.fte30 === null ? null : dec(wk.fte30, 6)) +
    opt('Cases30', wk.cases30) +
    opt('WorkingDaysLost', wk.workingDaysLost === null ? null : wk.workingDaysLost.toFixed(2)) +
    opt('ContractWeeks', wk.contractWeeks === null ? null : wk.contractWeeks.toFixed(1)) +
    opt('FrontlineGrad', wk.frontlineGrad) +
    opt('Absat30Sept', wk.absat30Sept) +
    opt('ReasonAbsence', wk.reasonAbsence) +
    opt('CFKSSstatus', wk.cfkssStatus) +
    '</CSWWWorker>\n'
  );
}

export function writeCswwXml(ret: CswwReturn, opts: XmlOptions = {}): GeneratedFile {
  const out = new ByteSink();
  const y = ret.censusYear;
  const lea = /^\d{3}$/.test(ret.councilCode) ? ret.councilCode : '000';
  out.write('<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n');
  out.write(
    `<Header><CollectionDetails><Collection>CSWW</Collection><Year>${y}</Year>` +
      `<ReferenceDate>${formatIso(dayOf(y, 9, 30))}</ReferenceDate></CollectionDetails>` +
      `<Source><SourceLevel>L</SourceLevel><LEA>${lea}</LEA><SoftwareCode>continuity-generator</SoftwareCode>` +
      `<DateTime>${formatIso(dayOf(y, 11, 1))}T09:00:00Z</DateTime></Source></Header>\n`,
  );
  const v = ret.vacancies;
  out.write(
    `<LALevelVacancies><NumberOfVacancies>${v.numberOfVacancies.toFixed(2)}</NumberOfVacancies>` +
      `<NoAgencyFTE>${v.noAgencyFte.toFixed(2)}</NoAgencyFTE><NoAgencyHeadcount>${v.noAgencyHeadcount}</NoAgencyHeadcount></LALevelVacancies>\n`,
  );
  for (const wk of ret.workers) out.write(worker(wk));
  out.write('</Message>\n');
  const suffix = ret.practiceId ? `_${ret.practiceId}` : '';
  return { name: opts.name ?? `${ret.councilCode}_${y}${suffix}_csww.xml`, bytes: out.bytes() };
}
