/**
 * The reproduction report: one self-contained HTML file (figures inlined as SVG,
 * styles inline, no scripts, no network) with the sections in the order of the
 * argument, each stating its claim, the verdict and the numbers behind it.
 */
import type { ReportSection, Verdict } from './report-section.js';

/** Everything the report shows. */
export interface ReportInput {
  sections: ReportSection[];
  /** SVG text of every figure, keyed by the figure's path. */
  svgs: Map<string, string>;
  profile: string;
  /** Seconds each experiment took (when it last ran). */
  seconds: Record<string, number>;
  /** Experiments reused from an earlier run. */
  reused: string[];
}

const VERDICT_COLORS: Record<Verdict, string> = {
  holds: '#2e7d32',
  fails: '#c62828',
  mixed: '#ef6c00',
  shown: '#455a64',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function table(t: NonNullable<ReportSection['table']>): string {
  const head = t.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r.map((c) => `<td>${escapeHtml(c === null ? '—' : String(c))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function section(s: ReportSection, svgs: Map<string, string>): string {
  const figures = s.figures
    .map((f) => {
      const svg = svgs.get(f.path);
      if (svg === undefined) throw new Error(`report: no SVG for figure ${f.path}`);
      // Drop any XML prolog; an inline <svg> needs none.
      const inline = svg.replace(/^<\?xml[^>]*>\s*/, '');
      return `<figure>${inline}<figcaption>${escapeHtml(f.caption)} <a href="${escapeHtml(f.path)}">SVG</a> · <a href="${escapeHtml(f.path.replace(/\.svg$/, '.png'))}">PNG</a></figcaption></figure>`;
    })
    .join('\n');
  const data = s.data.map((d) => `<a href="${escapeHtml(d)}">${escapeHtml(d)}</a>`).join(' · ');
  return `<section id="${escapeHtml(s.id)}">
<h2>${escapeHtml(s.title)} <span class="verdict" style="background:${VERDICT_COLORS[s.verdict]}">${s.verdict}</span></h2>
<p class="claim"><strong>Claim.</strong> ${escapeHtml(s.claim)}</p>
<p><strong>Verdict.</strong> ${escapeHtml(s.summary)}</p>
${s.table ? table(s.table) : ''}
${figures}
<p class="data"><strong>Data:</strong> ${data || '—'}</p>
<p><strong>Reproduce:</strong></p><pre><code>${escapeHtml(s.command)}</code></pre>
</section>`;
}

const STYLE = `
body { font-family: 'DejaVu Sans', system-ui, sans-serif; max-width: 1000px; margin: 2rem auto; padding: 0 1rem; color: #1b1b1f; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2.5rem; border-top: 1px solid #ddd; padding-top: 1rem; }
.verdict { color: #fff; font-size: 0.8rem; padding: 0.1rem 0.5rem; border-radius: 3px; vertical-align: middle; text-transform: uppercase; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.6rem; text-align: right; } th { background: #f3f3f3; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; } figcaption { font-size: 0.85rem; color: #444; }
pre { background: #f6f6f6; padding: 0.5rem; overflow-x: auto; } .data { font-size: 0.85rem; }
nav ol { columns: 2; font-size: 0.9rem; }
`;

/** Renders the report's HTML. */
export function renderReport(input: ReportInput): string {
  const toc = input.sections
    .map((s) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a> — ${s.verdict}</li>`)
    .join('\n');
  const timing = Object.entries(input.seconds)
    .map(([id, sec]) => `${id} ${sec.toFixed(1)} s${input.reused.includes(id) ? ' (reused)' : ''}`)
    .join(', ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tegum — reproduction report</title>
<style>${STYLE}</style>
</head>
<body>
<h1>tegum — reproduction report</h1>
<p>Why features split into orthogonal subspaces (tegum products), and when they do not: the seed post's Johnson–Lindenstrauss argument, tested against its own numbers, against optimized packings, and against the toy models of Elhage et al. (2022). Profile <strong>${escapeHtml(input.profile)}</strong>; ${escapeHtml(timing)}.</p>
<nav><ol>
${toc}
</ol></nav>
${input.sections.map((s) => section(s, input.svgs)).join('\n')}
</body>
</html>
`;
}
