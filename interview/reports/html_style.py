"""The stylesheet inlined into every HTML report (screen and print)."""

from __future__ import annotations

CSS = """
:root {
  --ink: #1c2430; --muted: #5b6675; --line: #d9dee5; --soft: #f4f6f9;
  --accent: #2f4a7a; --sno: #b42318; --no: #c2410c; --yes: #3f8f4f; --syes: #17663a;
  --senior: #1f7a4d; --junior: #a15c07; --red: #b42318;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: #eef1f5; color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans", sans-serif;
}
.report {
  max-width: 860px; margin: 24px auto; background: #fff; padding: 40px 48px 32px;
  border-radius: 6px; box-shadow: 0 1px 3px rgba(16, 24, 40, .12);
}
h1, h2, h3 { line-height: 1.25; margin: 0; }
h1 { font-size: 28px; font-weight: 650; }
h2 {
  font-size: 18px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--ink);
  text-transform: uppercase; letter-spacing: .04em;
}
h3 { font-size: 16px; margin: 0 0 6px; }
code {
  font: 0.9em/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
  background: var(--soft); padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere;
}
ul { margin: 4px 0 8px; padding-left: 20px; }
li { margin: 2px 0; }
.muted { color: var(--muted); }
.label {
  margin: 12px 0 2px; font-size: 12px; font-weight: 650; color: var(--muted);
  text-transform: uppercase; letter-spacing: .05em;
}

.eyebrow {
  margin: 0 0 4px; font-size: 12px; font-weight: 650; letter-spacing: .08em;
  text-transform: uppercase; color: var(--muted);
}
.flag {
  display: inline-block; margin-left: 8px; padding: 1px 8px; border-radius: 10px;
  font-size: 11px; letter-spacing: .04em;
}
.flag.sample { background: #e8eefb; color: var(--accent); }
.flag.draft { background: #fff1d6; color: #8a5300; }
.flag.practice { background: #efe8fb; color: #5b3a99; }
.cand-code { font-size: 18px; font-weight: 500; color: var(--muted); margin-left: 6px; }
.role { margin: 2px 0 0; font-size: 16px; color: var(--muted); }
.facts {
  display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 6px 28px;
  margin: 18px 0 0; padding: 14px 0 0; border-top: 1px solid var(--line);
}
.facts div { display: flex; gap: 10px; min-width: 0; }
.facts dt { flex: 0 0 104px; color: var(--muted); font-size: 13px; padding-top: 1px; }
.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }

.verdict {
  display: grid; grid-template-columns: minmax(170px, 1fr) 2.4fr; gap: 24px; align-items: center;
  margin: 24px 0 12px; padding: 18px 22px; border-radius: 6px; background: var(--soft);
  border-left: 6px solid var(--muted);
}
.verdict p { margin: 0; }
.rec-label { font-size: 24px; font-weight: 700; }
.big { font-size: 34px; font-weight: 700; line-height: 1.1; }
.of { font-size: 16px; font-weight: 400; color: var(--muted); }
.basis { font-size: 13px; color: var(--muted); }
.key { text-transform: none; letter-spacing: 0; font-weight: 400; }
.rec-sno { border-left-color: var(--sno); } .rec-sno .rec-label { color: var(--sno); }
.rec-no { border-left-color: var(--no); } .rec-no .rec-label { color: var(--no); }
.rec-yes { border-left-color: var(--yes); } .rec-yes .rec-label { color: var(--yes); }
.rec-syes { border-left-color: var(--syes); } .rec-syes .rec-label { color: var(--syes); }
.scale { width: 100%; height: auto; display: block; }
.scale .band { opacity: .85; }
.band.sno { fill: #f3c7c2; } .band.no { fill: #f8d9bf; }
.band.yes { fill: #cfe8d3; } .band.syes { fill: #a9d6b6; }
.scale text { font-size: 9px; fill: var(--muted); }
.scale .marker { fill: var(--ink); } .scale .marker-line { stroke: var(--ink); stroke-width: 2; }

.callout { margin: 10px 0; padding: 10px 14px; border-radius: 4px; font-size: 14px; }
.callout.warn { background: #fff6e5; border: 1px solid #f1d49b; }
.callout.info { background: var(--soft); border: 1px solid var(--line); }
.flips { margin: 4px 0 0; display: grid; grid-template-columns: 1fr 1fr; gap: 0 28px; }
blockquote, .notes {
  margin: 6px 0; padding: 8px 14px; background: var(--soft); border-left: 3px solid var(--line);
  white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext;
}
blockquote { font-size: 15px; }
.justification h2 { margin-top: 20px; }

.chart { width: 100%; height: auto; display: block; margin: 4px 0 12px; }
.chart text { font-size: 13px; fill: var(--ink); }
.chart .area-value { fill: var(--muted); font-size: 12px; }
.chart .legend { fill: var(--muted); font-size: 11px; }
.chart .track { fill: #edf0f4; stroke: #c5ccd6; stroke-width: 1; }
.chart .track.missing { fill: none; stroke-dasharray: 4 3; }
.chart .fill { fill: var(--accent); }
.chart .fill.s1 { fill: var(--sno); } .chart .fill.s2 { fill: #d9822b; }
.chart .fill.s3 { fill: var(--yes); } .chart .fill.s4 { fill: var(--syes); }

table { width: 100%; border-collapse: collapse; margin: 8px 0 12px; font-size: 14px; }
th, td {
  text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top;
}
thead th {
  font-size: 12px; color: var(--muted); font-weight: 650; text-transform: uppercase;
  letter-spacing: .04em; border-bottom: 1.5px solid var(--ink);
}
tbody th { font-weight: 550; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot th, tfoot td { font-weight: 700; border-bottom: none; border-top: 1.5px solid var(--ink); }
tr.missing { color: var(--muted); }

.area, .question, .amendment { padding: 14px 0; border-bottom: 1px solid var(--line); }
.area:last-child, .question:last-child { border-bottom: none; }
.pill {
  display: inline-block; margin-left: 6px; padding: 0 8px; border-radius: 10px; font-size: 12px;
  font-weight: 600; background: #e3ebf7; color: var(--accent); vertical-align: 2px;
}
.pill.grey { background: var(--soft); color: var(--muted); }
.anchors { color: #39424e; font-size: 14px; }
.evidence { list-style: none; padding-left: 0; font-size: 14px; }
.evidence > li { margin: 6px 0 10px; }
.q { font-weight: 600; }
.signals { list-style: none; padding-left: 0; margin: 2px 0 4px; font-size: 14px; }
.sig { position: relative; padding-left: 22px; }
.sig::before { position: absolute; left: 2px; font-weight: 700; }
.sig.senior::before { content: "+"; color: var(--senior); }
.sig.junior::before { content: "\\2212"; color: var(--junior); }
.sig.red strong { color: var(--red); font-size: 11px; text-transform: uppercase; margin-left: 4px; }
.excerpt { margin: 2px 0 0 22px; color: #39424e; font-style: italic; overflow-wrap: anywhere; }

.red-flags ul { padding-left: 0; list-style: none; }
.red-flags li {
  padding: 6px 12px; margin: 4px 0; background: #fdeceb; border-left: 3px solid var(--red);
}
.meta { margin: 0 0 4px; color: var(--muted); font-size: 13px; }
.time.over { color: var(--no); font-weight: 600; }
.num-badge {
  display: inline-block; min-width: 24px; padding: 0 6px; margin-right: 4px; border-radius: 12px;
  background: var(--ink); color: #fff; font-size: 13px; text-align: center; vertical-align: 2px;
}
.followups { font-size: 14px; }
.src {
  display: inline-block; margin-left: 6px; padding: 0 6px; border-radius: 3px; font-size: 11px;
  text-transform: uppercase; letter-spacing: .04em; background: var(--soft); color: var(--muted);
}
.src.llm { background: #efe8fb; color: #5b3a99; }
.src.offline { background: #e6f2ee; color: #1f6b52; }
.why { display: block; color: var(--muted); font-size: 13px; }
.timeline table { font-size: 12.5px; }
.timeline td { padding: 3px 8px; }
.timeline td:nth-child(2) { white-space: nowrap; color: var(--muted); }
.timeline .when { white-space: nowrap; font-variant-numeric: tabular-nums; color: var(--muted); }
.foot {
  margin-top: 28px; padding-top: 10px; border-top: 1px solid var(--line); font-size: 12px;
  color: var(--muted);
}

@media (max-width: 640px) {
  .report { padding: 20px; margin: 0; border-radius: 0; }
  .facts, .verdict { grid-template-columns: 1fr; }
}

/* Print: no page size is forced, so the same file fits A4 and US Letter. */
@page { margin: 14mm 13mm 16mm; }
@media print {
  html, body { background: #fff; }
  body { font-size: 10pt; }
  .report { max-width: none; margin: 0; padding: 0; box-shadow: none; border-radius: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { font-size: 13pt; margin-top: 18pt; }
  h2, h3, .label { break-after: avoid; page-break-after: avoid; }
  .verdict, .callout, tr, .sig, .evidence > li, .chart, .scale, .facts,
  .amendment, .red-flags li { break-inside: avoid; page-break-inside: avoid; }
  .notes, blockquote { break-inside: auto; }
  .timeline table { font-size: 8pt; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"""
