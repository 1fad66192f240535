import { fileIssue, type Issue } from '../issues';
import { children, leaf, readXml } from '../xml';
import { rowBuilder } from './convert';
import { emptyModel, type Ssda903Model, type TableKey } from './tables';

const ROOT = 'EXPSSDA903';
const ARRAYS = [
  `${ROOT}.CHILD`,
  `${ROOT}.CHILD.EPISODE`,
  `${ROOT}.CHILD.HEADER.AREVIEW`,
  `${ROOT}.CHILD.HEADER.AMISSING`,
  `${ROOT}.CHILD.HEADER.AD_PLACED`,
];

const build = {
  header: rowBuilder('header'),
  episodes: rowBuilder('episodes'),
  reviews: rowBuilder('reviews'),
  uasc: rowBuilder('uasc'),
  oc2: rowBuilder('oc2'),
  oc3: rowBuilder('oc3'),
  ad1: rowBuilder('ad1'),
  placedAdoption: rowBuilder('placedAdoption'),
  prevPerm: rowBuilder('prevPerm'),
  missing: rowBuilder('missing'),
};

/** Tables that live as optional single fields of HEADER: a row exists when any of their fields is present. */
const OC3_FIELDS = ['IN_TOUCH', 'ACTIV', 'ACCOM'];
const AD1_FIELDS = ['DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'];
const present = (node: Record<string, unknown>, fields: string[]) => fields.some((f) => (leaf(node, f) ?? '') !== '');

/**
 * Reads the XML form of a 903 return (EXPSSDA903/CHILD/HEADER, EPISODE ...) into the same tables the CSV form
 * gives. Mapping, following the XSD: CHILDID -> CHILD; EPISODE/PL -> PLACE; HEADER/AREVIEW -> Reviews;
 * HEADER/AMISSING -> Missing; HEADER/AD_PLACED -> PlacedAdoption; HEADER/OC2 -> OC2; HEADER/PERMANENCE ->
 * PrevPerm; HEADER IN_TOUCH/ACTIV/ACCOM -> OC3; HEADER DATE_INT... -> AD1; HEADER UASC=1 or DUC -> UASC.
 * Tables that repeat the child's DOB (and SEX for UASC) take it from HEADER. Each row's origin is the CHILD's
 * 1-based position and the element path.
 */
export function parseSsda903Xml(file: string, text: string): { model: Ssda903Model; issues: Issue[] } {
  const model = emptyModel();
  const read = readXml(file, text, ARRAYS);
  if ('issue' in read) return { model, issues: [read.issue] };
  const root = read.doc[ROOT];
  if (root === undefined) {
    const found = Object.keys(read.doc)[0] ?? 'nothing';
    return {
      model,
      issues: [
        fileIssue(
          file,
          'FILE-XML',
          `This is not an SSDA903 XML return: the root element is ${found}, expected ${ROOT}.`,
        ),
      ],
    };
  }
  const issues: Issue[] = [];
  const kids = children(root, 'CHILD');
  kids.forEach((child, i) => {
    const n = i + 1;
    const at = (path: string) => ({ file, row: n, path: `CHILD[${n}]${path}` });
    const header = children(child, 'HEADER')[0];
    if (!header) {
      issues.push({
        file,
        row: n,
        column: 'HEADER',
        rule: 'FILE-XML-CHILD',
        severity: 'error',
        message: 'This CHILD element has no HEADER, so the child cannot be identified.',
        value: '',
        path: `CHILD[${n}]`,
      });
      return;
    }
    // Child-level values every sub-table repeats come from HEADER.
    const own = (node: Record<string, unknown>, b: { columns: readonly string[] }) => (field: number) => {
      const col = b.columns[field]!;
      if (col === 'CHILD') return leaf(header, 'CHILDID');
      if (col === 'DOB' && !(col in node)) return leaf(header, 'DOB');
      return leaf(node, col === 'PLACE' ? 'PL' : col);
    };
    model.header.push(build.header(own(header, build.header), at('/HEADER')));
    if ((leaf(header, 'UASC') ?? '').trim() === '1' || (leaf(header, 'DUC') ?? '').trim() !== '') {
      model.uasc.push(build.uasc(own(header, build.uasc), at('/HEADER')));
    }
    if (present(header, OC3_FIELDS)) model.oc3.push(build.oc3(own(header, build.oc3), at('/HEADER')));
    if (present(header, AD1_FIELDS)) model.ad1.push(build.ad1(own(header, build.ad1), at('/HEADER')));
    children(header, 'AREVIEW').forEach((r, j) => {
      model.reviews.push(build.reviews(own(r, build.reviews), at(`/HEADER/AREVIEW[${j + 1}]`)));
    });
    children(header, 'AMISSING').forEach((r, j) => {
      model.missing.push(build.missing(own(r, build.missing), at(`/HEADER/AMISSING[${j + 1}]`)));
    });
    children(header, 'AD_PLACED').forEach((r, j) => {
      model.placedAdoption.push(build.placedAdoption(own(r, build.placedAdoption), at(`/HEADER/AD_PLACED[${j + 1}]`)));
    });
    for (const oc2 of children(header, 'OC2').slice(0, 1))
      model.oc2.push(build.oc2(own(oc2, build.oc2), at('/HEADER/OC2')));
    for (const perm of children(header, 'PERMANENCE').slice(0, 1)) {
      model.prevPerm.push(build.prevPerm(own(perm, build.prevPerm), at('/HEADER/PERMANENCE')));
    }
    children(child, 'EPISODE').forEach((e, j) => {
      model.episodes.push(build.episodes(own(e, build.episodes), at(`/EPISODE[${j + 1}]`)));
    });
  });
  const tables: TableKey[] = [
    'header',
    'episodes',
    'reviews',
    'uasc',
    'oc2',
    'oc3',
    'ad1',
    'placedAdoption',
    'prevPerm',
    'missing',
  ];
  for (const table of tables) model.sources.push({ table, file, format: 'xml', rows: model[table].length });
  return { model, issues };
}
