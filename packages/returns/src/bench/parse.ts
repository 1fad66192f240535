/*
 * npx tsx packages/returns/src/bench/parse.ts [--scale 1] [--seed 2025] [--repeat 3] [--xml903] [--only csv|csww|xml903]
 *
 * Times the readers alone (no database): generates a national year of returns into memory once (157 councils,
 * England's totals times --scale), then parses all of it --repeat times with parseSsda903Files (the 903 CSV
 * files, council by council) and parseCswwXml (the census XML), and with --xml903 also the 903 XML form.
 * Reports CPU seconds (process.cpuUsage: all of Node's threads, the collector's helpers included), wall
 * seconds and MB per CPU second for the best pass, and a hash of everything the readers returned (rows,
 * origins, issues; computed outside the timed passes) so a faster reader can be checked to give exactly the
 * same output as before. The last line sums the 903 CSV and the census: a national year as imported.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { parseCswwXml } from '../csww/parse-xml';
import { Rng } from '../generator/random';
import { ENGLAND_TOTALS_2025, iterateNationalYear, type NationalCouncil } from '../generator/national';
import type { GeneratedFile } from '../generator/sink';
import { writeSsda903Csv } from '../generator/write-csv';
import { writeCswwXml, writeSsda903Xml } from '../generator/write-xml';
import { parseSsda903Files } from '../ssda903/parse';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '2025' },
    repeat: { type: 'string', default: '3' },
    xml903: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const scale = Number(values.scale);
const repeat = Math.max(1, Number(values.repeat));
const COUNCILS = 157;

/**
 * 157 councils with sizes spread like England's (a few large, many small: log-normal weights), so file
 * sizes vary as they do nationally. Deterministic; the database's published sizes are not needed here.
 */
function councils(): NationalCouncil[] {
  const rng = new Rng('parse-bench');
  return Array.from({ length: COUNCILS }, (_, i) => {
    const w = Math.exp(rng.normal(0, 0.6));
    return { code: String(201 + i), children: w, workers: w };
  });
}

interface Corpus {
  csv: GeneratedFile[][];
  csww: GeneratedFile[];
  xml903: GeneratedFile[];
}

function generate(): Corpus {
  const totals = {
    children: Math.max(COUNCILS, Math.round(ENGLAND_TOTALS_2025.children * scale)),
    workers: Math.max(COUNCILS, Math.round(ENGLAND_TOTALS_2025.workers * scale)),
  };
  const corpus: Corpus = { csv: [], csww: [], xml903: [] };
  for (const cy of iterateNationalYear({ seed: values.seed!, collectionYear: 2025, councils: councils(), totals })) {
    corpus.csv.push(writeSsda903Csv(cy.ssda903));
    corpus.csww.push(writeCswwXml(cy.csww));
    if (values.xml903) corpus.xml903.push(writeSsda903Xml(cy.ssda903));
  }
  return corpus;
}

const bytesOf = (files: GeneratedFile[]) => files.reduce((n, f) => n + f.bytes.length, 0);

interface Timing {
  cpu: number;
  wall: number;
}

/**
 * Runs `pass` `repeat` times and returns the best pass (least CPU). A pass keeps only row counts, not the
 * parsed returns: the import reads one council at a time and drops it, and keeping a national year of rows
 * alive would make the collector's work (not the readers') dominate.
 */
function time(pass: () => unknown): { best: Timing; all: Timing[] } {
  const all: Timing[] = [];
  for (let i = 0; i < repeat; i++) {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    pass();
    const c = process.cpuUsage(c0);
    all.push({ cpu: (c.user + c.system) / 1e6, wall: (performance.now() - w0) / 1000 });
  }
  const best = all.reduce((a, b) => (b.cpu < a.cpu ? b : a));
  return { best, all };
}

/**
 * A hash of the readers' output (outside the timed passes), to compare implementations: every row with its
 * origin and key order, every issue. Fed value by value: one JSON string of a national table would be huge.
 */
class Fingerprint {
  private h = createHash('sha256');
  add(v: unknown): void {
    if (Array.isArray(v)) {
      this.h.update('[');
      for (const x of v) this.add(x);
      this.h.update(']');
    } else if (v !== null && typeof v === 'object' && Object.values(v).some((x) => Array.isArray(x))) {
      this.h.update('{');
      for (const [k, x] of Object.entries(v)) {
        this.h.update(JSON.stringify(k));
        this.add(x);
      }
      this.h.update('}');
    } else {
      this.h.update(JSON.stringify(v) ?? 'undefined');
    }
  }
  digest(): string {
    return this.h.digest('hex').slice(0, 16);
  }
}

function fingerprint<T>(inputs: readonly T[], parse: (input: T) => unknown): string {
  const f = new Fingerprint();
  for (const input of inputs) f.add(parse(input));
  return f.digest();
}

/** Total rows over every table of a 903 model, so a pass's output is used (and the row count visible). */
function rows903(r: ReturnType<typeof parseSsda903Files>): number {
  return r.model.sources.reduce((n, s) => n + s.rows, 0) + r.issues.length;
}

function report(label: string, bytes: number, t: { best: Timing; all: Timing[] }, hash: string): void {
  const mb = bytes / 1e6;
  const passes = t.all.map((x) => x.cpu.toFixed(2)).join(' ');
  console.log(
    `${label.padEnd(9)} ${mb.toFixed(1).padStart(6)} MB  cpu ${t.best.cpu.toFixed(2)} s  wall ${t.best.wall.toFixed(2)} s  ` +
      `${(mb / t.best.cpu).toFixed(1)} MB/cpu-s  (cpu per pass: ${passes})  output ${hash}`,
  );
}

const g0 = performance.now();
const corpus = generate();
console.log(
  `generated ${COUNCILS} councils at scale ${scale} in ${((performance.now() - g0) / 1000).toFixed(1)} s; ` +
    `best of ${repeat} passes (least CPU)`,
);

const totals = { cpu: 0, wall: 0, bytes: 0 };
const add = (bytes: number, t: Timing) => {
  totals.cpu += t.cpu;
  totals.wall += t.wall;
  totals.bytes += bytes;
};
const want = (k: string) => values.only === undefined || values.only === k;

if (want('csv')) {
  const files = corpus.csv.flat();
  const t = time(() => corpus.csv.reduce((n, council) => n + rows903(parseSsda903Files(council)), 0));
  report('903 csv', bytesOf(files), t, fingerprint(corpus.csv, parseSsda903Files));
  add(bytesOf(files), t.best);
}
if (want('csww')) {
  const t = time(() => corpus.csww.reduce((n, f) => n + parseCswwXml(f).model.workers.length, 0));
  report('csww xml', bytesOf(corpus.csww), t, fingerprint(corpus.csww, parseCswwXml));
  add(bytesOf(corpus.csww), t.best);
}
if (values.xml903 && want('xml903')) {
  // The same returns in 903 XML form: not part of the national total (councils send the CSV form).
  const t = time(() => corpus.xml903.reduce((n, f) => n + rows903(parseSsda903Files([f])), 0));
  report(
    '903 xml',
    bytesOf(corpus.xml903),
    t,
    fingerprint(corpus.xml903, (f) => parseSsda903Files([f])),
  );
}
if (totals.bytes > 0) {
  const mb = totals.bytes / 1e6;
  console.log(
    `national  ${mb.toFixed(1).padStart(6)} MB  cpu ${totals.cpu.toFixed(2)} s  wall ${totals.wall.toFixed(2)} s  ` +
      `${(mb / totals.cpu).toFixed(1)} MB/cpu-s  (903 csv + csww xml)`,
  );
}
