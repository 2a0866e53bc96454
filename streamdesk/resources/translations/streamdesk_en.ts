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
    <name>StockAdjustDialog</name>
    <message numerus="yes">
        <source>The same change for each of %n SKU(s).</source>
        <translation>
            <numerusform>The same change for %n SKU.</numerusform>
            <numerusform>The same change for each of %n SKUs.</numerusform>
        </translation>
    </message>
</context>
</TS>
