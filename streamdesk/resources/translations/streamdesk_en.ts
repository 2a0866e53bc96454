<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
    <name>cli</name>
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
        <source>Wrote the host sheet of “{title}” (%n page(s)) to {path}.</source>
        <translation>
            <numerusform>Wrote the host sheet of “{title}” (%n page) to {path}.</numerusform>
            <numerusform>Wrote the host sheet of “{title}” (%n pages) to {path}.</numerusform>
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
