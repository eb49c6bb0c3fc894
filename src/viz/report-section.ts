/**
 * What the report shows of one experiment: a section stating its claim, the
 * verdict and the numbers behind it. Defined here, below both the experiments
 * that fill sections and the report that draws them (src/viz never imports
 * src/experiments).
 */

/** Verdict of a claim against the numbers. */
export type Verdict = 'holds' | 'fails' | 'mixed' | 'shown';

/** One section of the report. */
export interface ReportSection {
  id: string;
  title: string;
  /** The claim under test, in a sentence or two. */
  claim: string;
  verdict: Verdict;
  /** What the numbers say, in a sentence or two. */
  summary: string;
  /** A table of the numbers behind the verdict. */
  table?: { headers: string[]; rows: (string | number | null)[][] };
  /** Figures as paths (relative to the report) of SVG files to inline. */
  figures: { path: string; caption: string }[];
  /** Data files, relative to the report, to link. */
  data: string[];
  /** The exact command (and seed) that reproduces the section. */
  command: string;
}
