# history --format html without --output prints one self-contained document (inline CSS, no
# script, no external resource). Everything typed is escaped: a name or note holding markup is
# shown as text, never run. A patient with no sessions says so in each part.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family "O'Brien & Daughters" --given "<b>Zoë</b>" --born 1990-02-02 --code OBR --note 'said "no" to <script>alert(1)</script>'
> patient OBR registered: O'Brien & Daughters, <b>Zoë</b>

$ needlebook history OBR --format html
> <!DOCTYPE html>
> <html lang="en">
> <head>
> <meta charset="utf-8">
> <title>Treatment history OBR O&#39;Brien &amp; Daughters, &lt;b&gt;Zoë&lt;/b&gt;</title>
> <style>
> @page { size: A4; margin: 12mm 14mm 14mm 14mm; }
> * { box-sizing: border-box; }
> html { font: 10pt/1.35 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; }
> body { margin: 0 auto; max-width: 182mm; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
> table.page { width: 100%; border-collapse: collapse; }
> table.page > thead > tr > td { padding: 0 0 3mm 0; }
> table.page > tbody > tr > td { padding: 0; }
> .running { display: flex; justify-content: space-between; gap: 4mm; font-size: 8pt; color: #333;
>            border-bottom: 0.6pt solid #555; padding-bottom: 1mm; }
> h1 { font-size: 16pt; margin: 0 0 1mm; }
> h2 { font-size: 12.5pt; margin: 0 0 1.5mm; border-bottom: 0.6pt solid #999; break-after: avoid; }
> h3 { font-size: 10pt; margin: 2.5mm 0 1mm; break-after: avoid; }
> p { margin: 0.5mm 0; }
> .meta { color: #333; font-size: 9pt; }
> section { margin: 0 0 5mm; }
> section.session { break-inside: avoid; padding-top: 1mm; }
> figure { margin: 0 0 4mm; break-inside: avoid; }
> figcaption { font-weight: bold; margin-bottom: 1mm; }
> table.grid { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 0.5mm 0 1mm; }
> table.grid th, table.grid td { border: 0.5pt solid #bbb; padding: 0.6mm 1.5mm; text-align: left;
>                                vertical-align: top; }
> table.grid th { background: #eee; }
> table.fields th { width: 32mm; background: none; font-weight: normal; color: #444; }
> table.grid td.num { text-align: right; font-variant-numeric: tabular-nums; }
> .voided { border: 1pt solid #b00; color: #b00; font-weight: bold; padding: 0.5mm 2mm; }
> .override { border-left: 2.5pt solid #e67e22; background: #fdf2e9; padding: 1mm 2mm; margin: 1mm 0; }
> .struck td, p.struck { text-decoration: line-through; color: #666; }
> .correction { border-left: 2.5pt solid #555; background: #f2f2f2; padding: 1mm 2mm; margin: 1mm 0; }
> .warning { border-left: 2.5pt solid #b9770e; background: #fef9e7; padding: 1mm 2mm; margin: 1mm 0; }
> .correction ul, .override ul, .warning ul { margin: 0.5mm 0 0; padding-left: 5mm; }
> .mark { font-weight: bold; }
> .mark-adverse { color: #c0392b; } .mark-prolonged { color: #b9770e; } .mark-open { color: #1a5276; }
> svg.chart { max-width: 100%; height: auto; }
> .end { text-align: center; color: #555; font-size: 8.5pt; margin-top: 4mm; }
> .pair { display: flex; gap: 4mm; break-inside: avoid; margin: 1mm 0 3mm; }
> .pair figure { flex: 1; margin: 0; min-width: 0; }
> .pair p { font-size: 8pt; overflow-wrap: anywhere; }
> .pair img { max-width: 100%; max-height: 70mm; display: block; border: 0.5pt solid #999; }
> .pair .noimage { border: 0.5pt dashed #999; padding: 3mm; color: #444; font-size: 8.5pt; }
> </style>
> </head>
> <body>
> <table class="page">
> <thead><tr><td><div class="running"><span>Treatment history</span><span>OBR · O&#39;Brien &amp; Daughters, &lt;b&gt;Zoë&lt;/b&gt; · born 1990-02-02</span><span>printed 2026-11-23</span></div></td></tr></thead>
> <tbody><tr><td>
> <h1>Treatment history — OBR O&#39;Brien &amp; Daughters, &lt;b&gt;Zoë&lt;/b&gt;</h1>
> <p class="meta">Printed 2026-11-23 15:00 (Europe/London) by tester. Reactions as of 2026-11-23. Every session, correction and override on record is shown.</p>
> <section class="patient">
> <h2>Patient</h2>
> <table class="grid fields">
> <tr><th>chart</th><td>OBR</td></tr>
> <tr><th>name</th><td>O&#39;Brien &amp; Daughters, &lt;b&gt;Zoë&lt;/b&gt;</td></tr>
> <tr><th>born</th><td>1990-02-02</td></tr>
> <tr><th>Fitzpatrick</th><td>not recorded</td></tr>
> <tr><th>note</th><td>said &quot;no&quot; to &lt;script&gt;alert(1)&lt;/script&gt;</td></tr>
> </table>
> <h3>Conditions</h3>
> <p>None on file.</p>
> <h3>Consent</h3>
> <p>None on file.</p>
> </section>
> <section class="charts">
> <h2>Charts</h2>
> <figure>
> <figcaption>Needle depth per area across sessions (mm)</figcaption>
> <p>No sessions recorded.</p>
> </figure>
> <figure>
> <figcaption>Reactions from onset to resolution (days after the session)</figcaption>
> <p>No reactions recorded.</p>
> </figure>
> </section>
> <section><h2>Sessions</h2><p>No sessions recorded.</p></section>
> <p class="end">End of treatment history. Recorded as audit row 72; chain head <code>72:${SHA256}</code> (verify with <code>needlebook check --head 72:${SHA256}</code>).</p>
> </td></tr></tbody>
> </table>
> </body>
> </html>

# The same patient in text: no sessions recorded.
$ needlebook history OBR
> ================================================================================
> TREATMENT HISTORY  OBR  O'Brien & Daughters, <b>Zoë</b>
> printed 2026-11-23 15:00 (Europe/London) by tester; reactions as of 2026-11-23
> recorded as audit row 73; chain head for 'check --head':
> 73:${SHA256}
> 0 sessions; every correction and override is shown
> ================================================================================
> PATIENT
>   chart          OBR
>   name           O'Brien & Daughters, <b>Zoë</b>
>   born           1990-02-02
>   fitzpatrick    not recorded
>   note           said "no" to <script>alert(1)</script>
>   conditions
>     none on file
>   consent
>     none on file
> --------------------------------------------------------------------------------
> no sessions recorded
> ================================================================================
> end of history
