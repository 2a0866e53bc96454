<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ActionsLine</name>
    <message numerus="yes">
        <source>%n done on this show</source>
        <translation>
            <numerusform>%n done on this show</numerusform>
            <numerusform>%n done on this show</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open</source>
        <translation>
            <numerusform>%n open</numerusform>
            <numerusform>%n open</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AfterSalesView</name>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BulkLivePriceDialog</name>
    <message numerus="yes">
        <source>%n SKU(s) have no list price and stay as they are.</source>
        <translation>
            <numerusform>%n SKU has no list price and stays as it is.</numerusform>
            <numerusform>%n SKUs have no list price and stay as they are.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n SKU(s) have no price to change and stay as they are.</source>
        <translation>
            <numerusform>%n SKU has no price to change and stays as it is.</numerusform>
            <numerusform>%n SKUs have no price to change and stay as they are.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n SKU(s) will get a new live price.</source>
        <translation>
            <numerusform>%n SKU will get a new live price.</numerusform>
            <numerusform>%n SKUs will get a new live price.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Live price for %n SKU(s)</source>
        <translation>
            <numerusform>Live price for %n SKU</numerusform>
            <numerusform>Live price for %n SKUs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CapturePanel</name>
    <message numerus="yes">
        <source>%n buyer(s) so far</source>
        <translation>
            <numerusform>%n buyer so far</numerusform>
            <numerusform>%n buyers so far</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CarriedActions</name>
    <message numerus="yes">
        <source>Actions from earlier reviews (%n open)</source>
        <translation>
            <numerusform>Actions from earlier reviews (%n open)</numerusform>
            <numerusform>Actions from earlier reviews (%n open)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseLinesModel</name>
    <message numerus="yes">
        <source>Up to %n unit(s) can come back.</source>
        <translation>
            <numerusform>Up to %n unit can come back.</numerusform>
            <numerusform>Up to %n units can come back.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CatalogueCommands</name>
    <message numerus="yes">
        <source>Adjust the stock of %n SKU(s)</source>
        <translation>
            <numerusform>Adjust the stock of %n SKU</numerusform>
            <numerusform>Adjust the stock of %n SKUs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Archive %n product(s)</source>
        <translation>
            <numerusform>Archive %n product</numerusform>
            <numerusform>Archive %n products</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Change the live price of %n SKU(s)</source>
        <translation>
            <numerusform>Change the live price of %n SKU</numerusform>
            <numerusform>Change the live price of %n SKUs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restore %n product(s)</source>
        <translation>
            <numerusform>Restore %n product</numerusform>
            <numerusform>Restore %n products</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CataloguePage</name>
    <message numerus="yes">
        <source>%n SKU(s)</source>
        <translation>
            <numerusform>%n SKU</numerusform>
            <numerusform>%n SKUs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ComplianceWarning</name>
    <message numerus="yes">
        <source>…and %n more risky wording(s).</source>
        <translation>
            <numerusform>…and %n more risky wording.</numerusform>
            <numerusform>…and %n more risky wordings.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CountsDialog</name>
    <message numerus="yes">
        <source>%n row(s) cannot be used and will be left out:</source>
        <translation>
            <numerusform>%n row cannot be used and will be left out:</numerusform>
            <numerusform>%n rows cannot be used and will be left out:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing changes %n booking count(s). You can undo it (Ctrl+Z).</source>
        <translation>
            <numerusform>Importing changes %n booking count. You can undo it (Ctrl+Z).</numerusform>
            <numerusform>Importing changes %n booking counts. You can undo it (Ctrl+Z).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerDetailPanel</name>
    <message numerus="yes">
        <source>%n order(s), lifetime value {amount}</source>
        <translation>
            <numerusform>%n order, lifetime value {amount}</numerusform>
            <numerusform>%n orders, lifetime value {amount}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomersView</name>
    <message numerus="yes">
        <source>%n buyer(s) · {new} new · {returning} returning</source>
        <translation>
            <numerusform>%n buyer · {new} new · {returning} returning</numerusform>
            <numerusform>%n buyers · {new} new · {returning} returning</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DialogFlows</name>
    <message numerus="yes">
        <source>%n product(s) archived. Press Ctrl+Z to undo.</source>
        <translation>
            <numerusform>%n product archived. Press Ctrl+Z to undo.</numerusform>
            <numerusform>%n products archived. Press Ctrl+Z to undo.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) restored. Press Ctrl+Z to undo.</source>
        <translation>
            <numerusform>%n product restored. Press Ctrl+Z to undo.</numerusform>
            <numerusform>%n products restored. Press Ctrl+Z to undo.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n SKU(s) to {path}.</source>
        <translation>
            <numerusform>Exported %n SKU to {path}.</numerusform>
            <numerusform>Exported %n SKUs to {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DrawDialog</name>
    <message numerus="yes">
        <source>Drawn for {prize} from %n entrant(s):</source>
        <translation>
            <numerusform>Drawn for {prize} from %n entrant:</numerusform>
            <numerusform>Drawn for {prize} from %n entrants:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Drawn from %n entrant(s):</source>
        <translation>
            <numerusform>Drawn from %n entrant:</numerusform>
            <numerusform>Drawn from %n entrants:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only %n entrant(s): choose fewer winners.</source>
        <translation>
            <numerusform>Only %n entrant: choose fewer winners.</numerusform>
            <numerusform>Only %n entrants: choose fewer winners.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This show&apos;s buyers (%n)</source>
        <translation>
            <numerusform>This show&apos;s buyers (%n)</numerusform>
            <numerusform>This show&apos;s buyers (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>%n order(s) were left out:</source>
        <translation>
            <numerusform>%n order was left out:</numerusform>
            <numerusform>%n orders were left out:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s): {reason}</source>
        <translation>
            <numerusform>%n order: {reason}</numerusform>
            <numerusform>%n orders: {reason}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) in all.</source>
        <translation>
            <numerusform>%n row in all.</numerusform>
            <numerusform>%n rows in all.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n order(s) the filters show</source>
        <translation>
            <numerusform>The %n order the filters show</numerusform>
            <numerusform>All %n orders the filters show</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %n selected order(s)</source>
        <translation>
            <numerusform>The %n selected order</numerusform>
            <numerusform>The %n selected orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n order(s) to {path}.</source>
        <translation>
            <numerusform>Wrote %n order to {path}.</numerusform>
            <numerusform>Wrote %n orders to {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message numerus="yes">
        <source>%n status(es)</source>
        <translation>
            <numerusform>%n status</numerusform>
            <numerusform>%n statuses</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FromTemplateDialog</name>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>%n segment</numerusform>
            <numerusform>%n segments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LinkFlows</name>
    <message numerus="yes">
        <source>Imported %n booking count(s). Ctrl+Z undoes it.</source>
        <translation>
            <numerusform>Imported %n booking count. Ctrl+Z undoes it.</numerusform>
            <numerusform>Imported %n booking counts. Ctrl+Z undoes it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MetricsImport</name>
    <message numerus="yes">
        <source>%n interval(s) missing; {duplicates} time(s) came twice (the later row was kept); {skipped} row(s) left out.</source>
        <translation>
            <numerusform>%n interval missing; {duplicates} time(s) came twice (the later row was kept); {skipped} row(s) left out.</numerusform>
            <numerusform>%n intervals missing; {duplicates} time(s) came twice (the later row was kept); {skipped} row(s) left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) every {interval} s, from {start} to {end}.</source>
        <translation>
            <numerusform>%n sample every {interval} s, from {start} to {end}.</numerusform>
            <numerusform>%n samples every {interval} s, from {start} to {end}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) with a value</source>
        <translation>
            <numerusform>%n sample with a value</numerusform>
            <numerusform>%n samples with a value</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n time(s) appear twice in the file; the later row of each was kept.</source>
        <translation>
            <numerusform>%n time appears twice in the file; the later row was kept.</numerusform>
            <numerusform>%n times appear twice in the file; the later row of each was kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing replaces %n sample(s) already stored for this time.</source>
        <translation>
            <numerusform>Importing replaces %n sample already stored for this time.</numerusform>
            <numerusform>Importing replaces %n samples already stored for this time.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No data from {start} to {end} (%n interval(s)).</source>
        <translation>
            <numerusform>No data from {start} to {end} (%n interval).</numerusform>
            <numerusform>No data from {start} to {end} (%n intervals).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Show totals: %n figure(s) read.</source>
        <translation>
            <numerusform>Show totals: %n figure read.</numerusform>
            <numerusform>Show totals: %n figures read.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MetricsSummaryPage</name>
    <message numerus="yes">
        <source>%n sample(s) saved.</source>
        <translation>
            <numerusform>%n sample saved.</numerusform>
            <numerusform>%n samples saved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) stored earlier for the same time were replaced.</source>
        <translation>
            <numerusform>%n sample stored earlier for the same time was replaced.</numerusform>
            <numerusform>%n samples stored earlier for the same time were replaced.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message numerus="yes">
        <source>%n item(s) open in all.</source>
        <translation>
            <numerusform>%n item open in all.</numerusform>
            <numerusform>%n items open in all.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) open, {earlier} of them from earlier reviews.</source>
        <translation>
            <numerusform>%n item open, {earlier} of them from earlier reviews.</numerusform>
            <numerusform>%n items open, {earlier} of them from earlier reviews.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderCommands</name>
    <message numerus="yes">
        <source>Set %n order(s) to “{status}”</source>
        <translation>
            <numerusform>Set %n order to “{status}”</numerusform>
            <numerusform>Set %n orders to “{status}”</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderFlows</name>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n packing slip(s) saved to {path}.</source>
        <translation>
            <numerusform>%n packing slip saved to {path}.</numerusform>
            <numerusform>%n packing slips saved to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) skipped:</source>
        <translation>
            <numerusform>%n row skipped:</numerusform>
            <numerusform>%n rows skipped:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tracking number(s) were already known.</source>
        <translation>
            <numerusform>%n tracking number was already known.</numerusform>
            <numerusform>%n tracking numbers were already known.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n order(s) to {path}.</source>
        <translation>
            <numerusform>Exported %n order to {path}.</numerusform>
            <numerusform>Exported %n orders to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marked %n order(s) shipped.</source>
        <translation>
            <numerusform>Marked %n order shipped.</numerusform>
            <numerusform>Marked %n orders shipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pick list of %n SKU(s) saved to {path}.</source>
        <translation>
            <numerusform>Pick list of %n SKU saved to {path}.</numerusform>
            <numerusform>Pick list of %n SKUs saved to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>…and %n more.</source>
        <translation>
            <numerusform>…and %n more.</numerusform>
            <numerusform>…and %n more.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrderLinesModel</name>
    <message numerus="yes">
        <source>%n unit(s) returned or refunded</source>
        <translation>
            <numerusform>%n unit returned or refunded</numerusform>
            <numerusform>%n units returned or refunded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected, {amount} paid</source>
        <translation>
            <numerusform>%n selected, {amount} paid</numerusform>
            <numerusform>%n selected, {amount} paid</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message numerus="yes">
        <source>%n critical check(s) failed in this show&apos;s pre-flight run:</source>
        <translation>
            <numerusform>%n critical check failed in this show&apos;s pre-flight run:</numerusform>
            <numerusform>%n critical checks failed in this show&apos;s pre-flight run:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n critical check(s) not done yet:</source>
        <translation>
            <numerusform>%n critical check not done yet:</numerusform>
            <numerusform>%n critical checks not done yet:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message numerus="yes">
        <source>No cost for %n product(s) sold</source>
        <translation>
            <numerusform>No cost for %n product sold</numerusform>
            <numerusform>No cost for %n products sold</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PosterExport</name>
    <message numerus="yes">
        <source>Saved %n poster(s), one per channel, as {path}.</source>
        <translation>
            <numerusform>Saved %n poster, one per channel, as {path}.</numerusform>
            <numerusform>Saved %n posters, one per channel, as {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Writing %n poster(s)…</source>
        <translation>
            <numerusform>Writing %n poster…</numerusform>
            <numerusform>Writing %n posters…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreflightGate</name>
    <message numerus="yes">
        <source>%n critical check(s) not done yet:</source>
        <translation>
            <numerusform>%n critical check not done yet:</numerusform>
            <numerusform>%n critical checks not done yet:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreflightLine</name>
    <message numerus="yes">
        <source>incomplete: %n critical check(s) not done</source>
        <translation>
            <numerusform>incomplete: %n critical check not done</numerusform>
            <numerusform>incomplete: %n critical checks not done</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreflightPage</name>
    <message numerus="yes">
        <source>History (%n run(s))</source>
        <translation>
            <numerusform>History (%n run)</numerusform>
            <numerusform>History (%n runs)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreflightTexts</name>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n d</numerusform>
            <numerusform>%n d</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n risky wording(s)</source>
        <translation>
            <numerusform>%n risky wording</numerusform>
            <numerusform>%n risky wordings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>…and %n more: fix these first, then check again.</source>
        <translation>
            <numerusform>…and %n more: fix these first, then check again.</numerusform>
            <numerusform>…and %n more: fix these first, then check again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrepareView</name>
    <message numerus="yes">
        <source>%n finished run(s) of this show.</source>
        <translation>
            <numerusform>%n finished run of this show.</numerusform>
            <numerusform>%n finished runs of this show.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s), {length} in all, planned to start {start}.</source>
        <translation>
            <numerusform>%n segment, {length} in all, planned to start {start}.</numerusform>
            <numerusform>%n segments, {length} in all, planned to start {start}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s), {length} in all.</source>
        <translation>
            <numerusform>%n segment, {length} in all.</numerusform>
            <numerusform>%n segments, {length} in all.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message numerus="yes">
        <source>%n line(s) match no SKU in your catalogue. They are imported without taking stock and wait under “Needs review” until you map them; each mapping is remembered.</source>
        <translation>
            <numerusform>%n line matches no SKU in your catalogue. It is imported without taking stock and waits under “Needs review” until you map it; each mapping is remembered.</numerusform>
            <numerusform>%n lines match no SKU in your catalogue. They are imported without taking stock and wait under “Needs review” until you map them; each mapping is remembered.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) cannot be imported and will be skipped:</source>
        <translation>
            <numerusform>%n row cannot be imported and will be skipped:</numerusform>
            <numerusform>%n rows cannot be imported and will be skipped:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skip the %n row(s) above and import the rest</source>
        <translation>
            <numerusform>Skip the %n row above and import the rest</numerusform>
            <numerusform>Skip the %n rows above and import the rest</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProblemList</name>
    <message numerus="yes">
        <source>… and %n more.</source>
        <translation>
            <numerusform>… and %n more.</numerusform>
            <numerusform>… and %n more.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductPickerDialog</name>
    <message numerus="yes">
        <source>%n SKU(s) found</source>
        <translation>
            <numerusform>%n SKU found</numerusform>
            <numerusform>%n SKUs found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductsTab</name>
    <message numerus="yes">
        <source>%n product(s) without a cost in the catalogue: their profit stays blank.</source>
        <translation>
            <numerusform>%n product without a cost in the catalogue: its profit stays blank.</numerusform>
            <numerusform>%n products without a cost in the catalogue: their profit stays blank.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewCharts</name>
    <message numerus="yes">
        <source>Average of the last %n show(s)</source>
        <translation>
            <numerusform>Average of the last %n show</numerusform>
            <numerusform>Average of the last %n shows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message numerus="yes">
        <source>Platform data: %n import(s), totals for {platforms}.</source>
        <translation>
            <numerusform>Platform data: %n import, totals for {platforms}.</numerusform>
            <numerusform>Platform data: %n imports, totals for {platforms}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Platform data: %n import(s).</source>
        <translation>
            <numerusform>Platform data: %n import.</numerusform>
            <numerusform>Platform data: %n imports.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewReport</name>
    <message numerus="yes">
        <source>Blue: each show. Red, dashed: moving average of the last %n show(s).</source>
        <translation>
            <numerusform>Blue: each show. Red, dashed: moving average of the last %n show.</numerusform>
            <numerusform>Blue: each show. Red, dashed: moving average of the last %n shows.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{file} ({platform}, %n row(s))</source>
        <translation>
            <numerusform>{file} ({platform}, %n row)</numerusform>
            <numerusform>{file} ({platform}, %n rows)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message numerus="yes">
        <source>%n segment(s) skipped</source>
        <translation>
            <numerusform>%n segment skipped</numerusform>
            <numerusform>%n segments skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RundownEditor</name>
    <message numerus="yes">
        <source>Add %n product(s) to “{title}”</source>
        <translation>
            <numerusform>Add %n product to “{title}”</numerusform>
            <numerusform>Add %n products to “{title}”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n segment(s)</source>
        <translation>
            <numerusform>Delete %n segment</numerusform>
            <numerusform>Delete %n segments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n segment(s)</source>
        <translation>
            <numerusform>Move %n segment</numerusform>
            <numerusform>Move %n segments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RundownFiles</name>
    <message numerus="yes">
        <source>Exported %n segment(s) as {path}.</source>
        <translation>
            <numerusform>Exported %n segment as {path}.</numerusform>
            <numerusform>Exported %n segments as {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n segment(s) from {file}. Undo (Ctrl+Z) brings the previous rundown back.</source>
        <translation>
            <numerusform>Imported %n segment from {file}. Undo (Ctrl+Z) brings the previous rundown back.</numerusform>
            <numerusform>Imported %n segments from {file}. Undo (Ctrl+Z) brings the previous rundown back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved the host sheet (%n page(s)) as {path}.</source>
        <translation>
            <numerusform>Saved the host sheet (%n page) as {path}.</numerusform>
            <numerusform>Saved the host sheet (%n pages) as {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RundownImportDialog</name>
    <message numerus="yes">
        <source>All %n segment(s) the show has now are removed; Undo (Ctrl+Z) brings them back.</source>
        <translation>
            <numerusform>The %n segment the show has now is removed; Undo (Ctrl+Z) brings it back.</numerusform>
            <numerusform>All %n segments the show has now are removed; Undo (Ctrl+Z) brings them back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The file has %n problem(s), so it cannot replace the rundown. Fix them in the file and import it again; nothing was changed.</source>
        <translation>
            <numerusform>The file has %n problem, so it cannot replace the rundown. Fix it in the file and import it again; nothing was changed.</numerusform>
            <numerusform>The file has %n problems, so it cannot replace the rundown. Fix them in the file and import it again; nothing was changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The file replaces the whole rundown with the %n segment(s) below.</source>
        <translation>
            <numerusform>The file replaces the whole rundown with the %n segment below.</numerusform>
            <numerusform>The file replaces the whole rundown with the %n segments below.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SaleBar</name>
    <message numerus="yes">
        <source>Returning buyer · %n order(s)</source>
        <translation>
            <numerusform>Returning buyer · %n order</numerusform>
            <numerusform>Returning buyer · %n orders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SegmentDetailsPanel</name>
    <message numerus="yes">
        <source>Remove %n product(s)</source>
        <translation>
            <numerusform>Remove %n product</numerusform>
            <numerusform>Remove %n products</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SegmentPanel</name>
    <message numerus="yes">
        <source>{kind} · %n product(s)</source>
        <translation>
            <numerusform>{kind} · %n product</numerusform>
            <numerusform>{kind} · %n products</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShowListModel</name>
    <message numerus="yes">
        <source>%n segment(s), {duration} in the rundown</source>
        <translation>
            <numerusform>%n segment, {duration} in the rundown</numerusform>
            <numerusform>%n segments, {duration} in the rundown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShowSummaryPanel</name>
    <message numerus="yes">
        <source>%n SKU target(s)</source>
        <translation>
            <numerusform>%n SKU target</numerusform>
            <numerusform>%n SKU targets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n booking link(s)</source>
        <translation>
            <numerusform>%n booking link</numerusform>
            <numerusform>%n booking links</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n booking(s)</source>
        <translation>
            <numerusform>%n booking</numerusform>
            <numerusform>%n bookings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n due soon</source>
        <translation>
            <numerusform>%n due soon</numerusform>
            <numerusform>%n due soon</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new follower(s)</source>
        <translation>
            <numerusform>%n new follower</numerusform>
            <numerusform>%n new followers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n short of stock</source>
        <translation>
            <numerusform>%n short of stock</numerusform>
            <numerusform>%n short of stock</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShowsPage</name>
    <message numerus="yes">
        <source>%n show(s)</source>
        <translation>
            <numerusform>%n show</numerusform>
            <numerusform>%n shows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Your %n past show(s) are under Past (Alt+2). Plan the next one, or duplicate a past show (Ctrl+D).</source>
        <translation>
            <numerusform>Your %n past show is under Past (Alt+2). Plan the next one, or duplicate it (Ctrl+D).</numerusform>
            <numerusform>Your %n past shows are under Past (Alt+2). Plan the next one, or duplicate a past show (Ctrl+D).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StockAdjustDialog</name>
    <message numerus="yes">
        <source>The same change for each of %n SKU(s).</source>
        <translation>
            <numerusform>The same change for %n SKU.</numerusform>
            <numerusform>The same change for each of %n SKUs.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StockCheckDialog</name>
    <message numerus="yes">
        <source>%n SKU(s) have less stock than this show&apos;s target. Restock them or lower the targets.</source>
        <translation>
            <numerusform>%n SKU has less stock than this show&apos;s target. Restock it or lower the target.</numerusform>
            <numerusform>%n SKUs have less stock than this show&apos;s target. Restock them or lower the targets.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n SKU target(s) of this show are covered by the stock on hand.</source>
        <translation>
            <numerusform>The %n SKU target of this show is covered by the stock on hand.</numerusform>
            <numerusform>All %n SKU targets of this show are covered by the stock on hand.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message numerus="yes">
        <source>%n line(s) match no SKU in your catalogue yet: map each once and its stock is taken.</source>
        <translation>
            <numerusform>%n line matches no SKU in your catalogue yet: map it once and its stock is taken.</numerusform>
            <numerusform>%n lines match no SKU in your catalogue yet: map each once and its stock is taken.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TasksView</name>
    <message numerus="yes">
        <source>New shows will start with these %n task(s). Ctrl+Z undoes it.</source>
        <translation>
            <numerusform>New shows will start with this %n task. Ctrl+Z undoes it.</numerusform>
            <numerusform>New shows will start with these %n tasks. Ctrl+Z undoes it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamDatabaseBox</name>
    <message numerus="yes">
        <source>Connected: the server answered. {database} holds a StreamDesk shop (schema {version}, %n product(s)).</source>
        <translation>
            <numerusform>Connected: the server answered. {database} holds a StreamDesk shop (schema {version}, %n product).</numerusform>
            <numerusform>Connected: the server answered. {database} holds a StreamDesk shop (schema {version}, %n products).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Connected: the server answered. {database} holds a shop of an older StreamDesk (schema {version}, %n product(s)); it is upgraded the first time StreamDesk starts with it.</source>
        <translation>
            <numerusform>Connected: the server answered. {database} holds a shop of an older StreamDesk (schema {version}, %n product); it is upgraded the first time StreamDesk starts with it.</numerusform>
            <numerusform>Connected: the server answered. {database} holds a shop of an older StreamDesk (schema {version}, %n products); it is upgraded the first time StreamDesk starts with it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrendsTab</name>
    <message numerus="yes">
        <source>%n show(s). The moving average covers the last {window} shows.</source>
        <translation>
            <numerusform>%n show. The moving average covers the last {window} shows.</numerusform>
            <numerusform>%n shows. The moving average covers the last {window} shows.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnmatchedLinesDialog</name>
    <message numerus="yes">
        <source>%n line(s) mapped to {sku}, this time only.</source>
        <translation>
            <numerusform>%n line mapped to {sku}, this time only.</numerusform>
            <numerusform>%n lines mapped to {sku}, this time only.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) mapped to {sku}. Later imports map this line by themselves.</source>
        <translation>
            <numerusform>%n line mapped to {sku}. Later imports map this line by themselves.</numerusform>
            <numerusform>%n lines mapped to {sku}. Later imports map this line by themselves.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) still to map</source>
        <translation>
            <numerusform>%n line still to map</numerusform>
            <numerusform>%n lines still to map</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerdictBanner</name>
    <message numerus="yes">
        <source>%n other check(s) failed.</source>
        <translation>
            <numerusform>%n other check failed.</numerusform>
            <numerusform>%n other checks failed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s) to look at.</source>
        <translation>
            <numerusform>%n warning to look at.</numerusform>
            <numerusform>%n warnings to look at.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not finished — %n critical check(s) still to do</source>
        <translation>
            <numerusform>Not finished — %n critical check still to do</numerusform>
            <numerusform>Not finished — %n critical checks still to do</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WaitlistDialog</name>
    <message numerus="yes">
        <source>%n buyer(s) waiting, {units} wanted · {left} in stock</source>
        <translation>
            <numerusform>%n buyer waiting, {units} wanted · {left} in stock</numerusform>
            <numerusform>%n buyers waiting, {units} wanted · {left} in stock</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WarmupCommands</name>
    <message numerus="yes">
        <source>Import %n booking count(s)</source>
        <translation>
            <numerusform>Import %n booking count</numerusform>
            <numerusform>Import %n booking counts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WarmupPage</name>
    <message numerus="yes">
        <source>Booking links (%n warning(s))</source>
        <translation>
            <numerusform>Booking links (%n warning)</numerusform>
            <numerusform>Booking links (%n warnings)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tasks (%n overdue)</source>
        <translation>
            <numerusform>Tasks (%n overdue)</numerusform>
            <numerusform>Tasks (%n overdue)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WarmupTexts</name>
    <message numerus="yes">
        <source>%n d</source>
        <translation>
            <numerusform>%n d</numerusform>
            <numerusform>%n d</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n d ago</source>
        <translation>
            <numerusform>%n d ago</numerusform>
            <numerusform>%n d ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n d</source>
        <translation>
            <numerusform>in %n d</numerusform>
            <numerusform>in %n d</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n h</source>
        <translation>
            <numerusform>in %n h</numerusform>
            <numerusform>in %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n min</source>
        <translation>
            <numerusform>in %n min</numerusform>
            <numerusform>in %n min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message numerus="yes">
        <source> in %n gap(s)</source>
        <translation>
            <numerusform> in %n gap</numerusform>
            <numerusform> in %n gaps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n interval(s) missing</source>
        <translation>
            <numerusform>%n interval missing</numerusform>
            <numerusform>%n intervals missing</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) left to check by hand: open the run on the Pre-flight page.</source>
        <translation>
            <numerusform>%n item left to check by hand: open the run on the Pre-flight page.</numerusform>
            <numerusform>%n items left to check by hand: open the run on the Pre-flight page.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n line(s) match no SKU yet: map them once on the Orders page (Needs review).</source>
        <translation>
            <numerusform>%n line matches no SKU yet: map it once on the Orders page (Needs review).</numerusform>
            <numerusform>%n lines match no SKU yet: map them once on the Orders page (Needs review).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) marked shipped; {known} already had that number; {skipped} row(s) skipped.</source>
        <translation>
            <numerusform>%n order marked shipped; {known} already had that number; {skipped} row(s) skipped.</numerusform>
            <numerusform>%n orders marked shipped; {known} already had that number; {skipped} row(s) skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) skipped</source>
        <translation>
            <numerusform>%n row skipped</numerusform>
            <numerusform>%n rows skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) already stored for this time were replaced.</source>
        <translation>
            <numerusform>%n sample already stored for this time was replaced.</numerusform>
            <numerusform>%n samples already stored for this time were replaced.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sample(s) every {interval} s</source>
        <translation>
            <numerusform>%n sample every {interval} s</numerusform>
            <numerusform>%n samples every {interval} s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n time(s) repeated</source>
        <translation>
            <numerusform>%n time repeated</numerusform>
            <numerusform>%n times repeated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n segment(s) of “{title}” to {path}.</source>
        <translation>
            <numerusform>Exported %n segment of “{title}” to {path}.</numerusform>
            <numerusform>Exported %n segments of “{title}” to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n segment(s) into “{title}”; the rundown runs {total}.</source>
        <translation>
            <numerusform>Imported %n segment into “{title}”; the rundown runs {total}.</numerusform>
            <numerusform>Imported %n segments into “{title}”; the rundown runs {total}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Missing from {start} to {end}: %n interval(s).</source>
        <translation>
            <numerusform>Missing from {start} to {end}: %n interval.</numerusform>
            <numerusform>Missing from {start} to {end}: %n intervals.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n booking poster(s) of “{title}” to {path}.</source>
        <translation>
            <numerusform>Wrote %n booking poster of “{title}” to {path}.</numerusform>
            <numerusform>Wrote %n booking posters of “{title}” to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n order(s) ({rows} rows, preset {preset}) to {files}; {skipped} left out.</source>
        <translation>
            <numerusform>Wrote %n order ({rows} rows, preset {preset}) to {files}; {skipped} left out.</numerusform>
            <numerusform>Wrote %n orders ({rows} rows, preset {preset}) to {files}; {skipped} left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote the host sheet of “{title}” (%n page(s)) to {path}.</source>
        <translation>
            <numerusform>Wrote the host sheet of “{title}” (%n page) to {path}.</numerusform>
            <numerusform>Wrote the host sheet of “{title}” (%n pages) to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote the pick list of “{title}” (%n SKU(s), {units} units) to {path}.</source>
        <translation>
            <numerusform>Wrote the pick list of “{title}” (%n SKU, {units} units) to {path}.</numerusform>
            <numerusform>Wrote the pick list of “{title}” (%n SKUs, {units} units) to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{file} ({preset}, {encoding}): %n order(s) read; {added} added, {updated} updated, {unchanged} unchanged, {skipped} row(s) skipped.</source>
        <translation>
            <numerusform>{file} ({preset}, {encoding}): %n order read; {added} added, {updated} updated, {unchanged} unchanged, {skipped} row(s) skipped.</numerusform>
            <numerusform>{file} ({preset}, {encoding}): %n orders read; {added} added, {updated} updated, {unchanged} unchanged, {skipped} row(s) skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{file} ({preset}, {platform}, {encoding}): %n row(s) read</source>
        <translation>
            <numerusform>{file} ({preset}, {platform}, {encoding}): %n row read</numerusform>
            <numerusform>{file} ({preset}, {platform}, {encoding}): %n rows read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{file} ({preset}, {platform}, {encoding}): show totals, %n figure(s); {skipped} row(s) skipped.</source>
        <translation>
            <numerusform>{file} ({preset}, {platform}, {encoding}): show totals, %n figure; {skipped} row(s) skipped.</numerusform>
            <numerusform>{file} ({preset}, {platform}, {encoding}): show totals, %n figures; {skipped} row(s) skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{file}: %n segment(s) checked, no problems. Dry run: nothing was saved.</source>
        <translation>
            <numerusform>{file}: %n segment checked, no problems. Dry run: nothing was saved.</numerusform>
            <numerusform>{file}: %n segments checked, no problems. Dry run: nothing was saved.</numerusform>
        </translation>
    </message>
</context>
</TS>
