"""Problem codes → sentences in the user's language, shared by the GUI and the CLI (QtCore only).

Core raises ``UserError(code, **fields)`` and returns ``Problem(row, code, fields)``; this module is the only
place that turns them into words. Templates use ``{name}`` placeholders filled from the fields; a test checks
that every zh_CN translation keeps the same placeholders.

Each feature keeps its own section below; add codes to your section only. Spell every template as
``QCoreApplication.translate("messages", "…")`` with literal strings: pyside6-lupdate recognises only that
form (not a wrapper such as ``_t("…")``), and tests/unit/test_translations.py fails on a template missing
from the .ts file.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from streamdesk.core.errors import Problem, UserError
from streamdesk.messages_advice import advice_texts
from streamdesk.messages_compliance import compliance_texts
from streamdesk.messages_copy import copy_texts
from streamdesk.messages_hostile import hostile_texts, shown_fields
from streamdesk.messages_storage import storage_texts
from streamdesk.messages_team import team_texts

if TYPE_CHECKING:
    from streamdesk.core.warmup_types import RuleWarning

log = logging.getLogger(__name__)


def _database_texts() -> dict[str, str]:
    return {
        "db.schema_too_new": QCoreApplication.translate(
            "messages",
            "The database {path} was written by a newer StreamDesk (schema {found}; this version knows up to "
            "{supported}). Update StreamDesk to open it; the file was not changed.",
        ),
        "db.not_streamdesk": QCoreApplication.translate(
            "messages", "{path} is not a StreamDesk database. Choose another file; this one was not changed."
        ),
        "db.damage_empty": QCoreApplication.translate(
            "messages",
            "{path} is empty (0 bytes): the database in it was lost, perhaps by a copy or a sync that was cut short. "
            "It was not changed. Open StreamDesk to restore a backup, or run: streamdesk restore BACKUP",
        ),
        "db.damage_truncated": QCoreApplication.translate(
            "messages",
            "{path} is cut short ({detail}): part of the database is missing. It was not changed. Open StreamDesk "
            "to restore a backup, or run: streamdesk restore BACKUP",
        ),
        "db.damage_unreadable": QCoreApplication.translate(
            "messages",
            "{path} is damaged: its list of tables cannot be read ({detail}). It was not changed. Open StreamDesk "
            "to restore a backup, or run: streamdesk restore BACKUP",
        ),
        "db.damage_damaged": QCoreApplication.translate(
            "messages",
            "{path} is damaged: some of its pages cannot be read ({detail}). Restore a backup (StreamDesk offers the "
            "newest good one), or run: streamdesk restore BACKUP",
        ),
        "db.damage_not_sqlite": QCoreApplication.translate(
            "messages",
            "{path} is not a database file: it is damaged, or another program's file. It was not changed.",
        ),
        "db.needs_migration": QCoreApplication.translate(
            "messages", "The database {path} needs an upgrade (schema {found}) before it can be used."
        ),
        "db.foreign_keys_broken": QCoreApplication.translate(
            "messages",
            "The database has {count} broken links between records after the upgrade. "
            "Restore a backup or run “streamdesk check” for details.",
        ),
        "db.backup_corrupt": QCoreApplication.translate(
            "messages", "The copy of {path} failed its integrity check; nothing was replaced."
        ),
        "db.check_failed": QCoreApplication.translate("messages", "The database check found {count} problem(s)."),
        "money.invalid": QCoreApplication.translate("messages", "“{value}” is not an amount of money."),
    }


# --- catalogue (core/catalogue.py) ---------------------------------------------------------------------------
def _catalogue_texts() -> dict[str, str]:
    return {
        "catalogue.invalid": QCoreApplication.translate(
            "messages",
            "The product was not saved: {count} field(s) need fixing. Correct the marked fields and save again.",
        ),
        "catalogue.not_found": QCoreApplication.translate(
            "messages", "Product {product_id} no longer exists. Refresh the catalogue and try again."
        ),
        "catalogue.variant_not_found": QCoreApplication.translate(
            "messages", "SKU {variant_id} no longer exists. Refresh the catalogue and try again."
        ),
        "catalogue.in_use": QCoreApplication.translate(
            "messages",
            "This product already has stock history or is part of a bundle, so it cannot be deleted. Archive it instead.",
        ),
        "catalogue.live_price_negative": QCoreApplication.translate(
            "messages", "The live price of {sku} cannot be negative; nothing was changed."
        ),
        "catalogue.bundle_stock": QCoreApplication.translate(
            "messages",
            "{sku} is a bundle: its stock comes from its components. Adjust the components instead; nothing was changed.",
        ),
        "catalogue.stock_would_go_negative": QCoreApplication.translate(
            "messages",
            "{sku} has {on_hand} in stock, so a change of {delta} would take it below zero. Nothing was changed.",
        ),
        "catalogue.image_name_invalid": QCoreApplication.translate(
            "messages", "“{file}” is not a picture file name from the images folder."
        ),
        "catalogue.image_unreadable": QCoreApplication.translate(
            "messages", "The picture {path} cannot be opened. Check that the file exists and that you may read it."
        ),
        "catalogue.image_invalid": QCoreApplication.translate(
            "messages", "{path} is not a picture StreamDesk can read, or the file is damaged."
        ),
        "catalogue.image_format": QCoreApplication.translate(
            "messages", "{path} is a {format} picture. Use a PNG, JPEG, GIF, WebP or BMP file instead."
        ),
        "catalogue.title_required": QCoreApplication.translate("messages", "Enter a product title."),
        "catalogue.no_variants": QCoreApplication.translate("messages", "Add at least one SKU."),
        "catalogue.currency_invalid": QCoreApplication.translate(
            "messages", "“{currency}” is not a currency code. Use three capital letters, such as CNY or USD."
        ),
        "catalogue.days_negative": QCoreApplication.translate("messages", "The number of days cannot be negative."),
        "catalogue.image_missing": QCoreApplication.translate(
            "messages", "The picture “{file}” is missing from the images folder. Remove it or add it again."
        ),
        "catalogue.variant_unknown": QCoreApplication.translate(
            "messages", "This SKU row does not belong to this product any more. Reopen the product and edit it again."
        ),
        "catalogue.sku_required": QCoreApplication.translate("messages", "Enter an SKU code."),
        "catalogue.sku_duplicate": QCoreApplication.translate(
            "messages", "The SKU code {sku} is already used by another SKU. Choose a different code."
        ),
        "catalogue.cost_negative": QCoreApplication.translate("messages", "The cost cannot be negative."),
        "catalogue.price_negative": QCoreApplication.translate("messages", "The price cannot be negative."),
        "catalogue.threshold_negative": QCoreApplication.translate(
            "messages", "The low-stock threshold cannot be negative."
        ),
        "catalogue.stock_negative": QCoreApplication.translate("messages", "The starting stock cannot be negative."),
        "catalogue.spec_duplicate": QCoreApplication.translate(
            "messages", "Each spec attribute (such as colour or size) may appear only once per SKU."
        ),
        "catalogue.bundle_self": QCoreApplication.translate("messages", "A bundle cannot contain itself."),
        "catalogue.bundle_component_missing": QCoreApplication.translate(
            "messages", "Bundle component {component_id} does not exist. Remove it from the bundle."
        ),
        "catalogue.bundle_nested": QCoreApplication.translate(
            "messages", "{sku} is a bundle or part of one; bundles cannot be nested."
        ),
        "catalogue.bundle_component_duplicate": QCoreApplication.translate(
            "messages", "Component {component_id} is listed twice in this bundle. Combine the rows into one quantity."
        ),
        "catalogue.bundle_quantity": QCoreApplication.translate(
            "messages", "A bundle component needs a quantity of at least 1, not {quantity}."
        ),
        "catalogue.bundle_stock_initial": QCoreApplication.translate(
            "messages",
            "A bundle has no stock of its own: its stock comes from its components. Leave the starting stock at 0.",
        ),
        "catalogue.bundle_has_stock": QCoreApplication.translate(
            "messages", "This SKU still has {on_hand} in stock. Bring its stock to 0 before turning it into a bundle."
        ),
    }


# --- product import/export (core/products_io/) ------------------------------------------------------------
def _catalogue_io_texts() -> dict[str, str]:
    return {
        # whole-file problems: the import stops and nothing is saved
        "products_io.file_missing": QCoreApplication.translate(
            "messages", "The file {path} does not exist. Check the name and try again; nothing was saved."
        ),
        "products_io.unreadable": QCoreApplication.translate(
            "messages",
            "StreamDesk cannot read {path}. Check that it is a CSV or Excel (.xlsx) file and that no other "
            "program has it locked; nothing was saved.",
        ),
        "products_io.not_a_table": QCoreApplication.translate(
            "messages", "{path} is not a CSV or Excel (.xlsx) file. Choose a spreadsheet; nothing was saved."
        ),
        "products_io.xls_unsupported": QCoreApplication.translate(
            "messages",
            "{path} is an old Excel .xls workbook. Save it as .xlsx or CSV in Excel and import that file; "
            "nothing was saved.",
        ),
        "products_io.empty": QCoreApplication.translate(
            "messages", "{path} is empty. Choose a file with a header row and product rows; nothing was saved."
        ),
        "products_io.no_rows": QCoreApplication.translate(
            "messages", "{path} has a header row but no product rows; nothing was saved."
        ),
        "products_io.encoding_unknown": QCoreApplication.translate(
            "messages",
            "StreamDesk cannot tell which text encoding {path} uses. Save it as UTF-8 CSV, or choose the "
            "encoding yourself; nothing was saved.",
        ),
        "products_io.decode_failed": QCoreApplication.translate(
            "messages", "{path} is not valid {encoding} text. Choose another encoding; nothing was saved."
        ),
        "products_io.unknown_encoding": QCoreApplication.translate(
            "messages", "“{encoding}” is not a text encoding StreamDesk knows. Try UTF-8 or GB18030."
        ),
        "products_io.replacement_chars": QCoreApplication.translate(
            "messages",
            "{path} contains {count} damaged character(s) (shown as �): some text was already lost when the "
            "file was saved. Export it again as UTF-8 and import the new file; nothing was saved.",
        ),
        "products_io.sheet_missing": QCoreApplication.translate(
            "messages", "The workbook has no sheet called “{sheet}”. Its sheets are: {sheets}."
        ),
        "products_io.title_column_missing": QCoreApplication.translate(
            "messages",
            "The file has no product title column (such as 商品名称, 标题 or title). Choose which column holds "
            "the titles and import again; nothing was saved.",
        ),
        "products_io.sku_column_missing": QCoreApplication.translate(
            "messages",
            "The file has no SKU column (such as 商家编码, 货号 or SKU). Choose which column holds the SKU codes "
            "and import again; nothing was saved.",
        ),
        "products_io.mapping_unreadable": QCoreApplication.translate(
            "messages",
            "The column mapping {path} is not a JSON object of field names and column headers, such as "
            "“title”: “商品名称”. Fix it and try again; nothing was saved.",
        ),
        "products_io.mapping_unknown_field": QCoreApplication.translate(
            "messages", "The column mapping names a field “{field}” that does not exist. The fields are: {fields}."
        ),
        "products_io.mapping_unknown_column": QCoreApplication.translate(
            "messages", "The column mapping points at “{column}”, but the file has no column with that header."
        ),
        "products_io.no_valid_rows": QCoreApplication.translate(
            "messages",
            "None of the {count} row(s) can be imported. The first problem: {first} Fix the file and import "
            "again; nothing was saved.",
        ),
        "products_io.strict_refused": QCoreApplication.translate(
            "messages",
            "The file has {count} problem(s), and --strict allows none. The first problem: {first} Nothing was saved.",
        ),
        "products_io.plan_stale": QCoreApplication.translate(
            "messages",
            "The catalogue changed after the preview was made. Preview the import again; nothing was saved.",
        ),
        "products_io.export_format": QCoreApplication.translate(
            "messages", "Products can be exported as .csv or .xlsx files; {path} has another extension."
        ),
        "products_io.export_failed": QCoreApplication.translate(
            "messages",
            "StreamDesk could not write {path}. Check that the folder exists and that you may write there; "
            "no file was changed.",
        ),
        # row problems: rendered after “Row 12: ”; the row is skipped, the other rows are imported
        "products_io.title_required": QCoreApplication.translate("messages", "the product title is empty."),
        "products_io.sku_required": QCoreApplication.translate("messages", "the SKU is empty."),
        "products_io.sku_duplicate": QCoreApplication.translate(
            "messages", "the SKU ‘{sku}’ already appears on row {first_row}, so this row was skipped."
        ),
        "products_io.id_damaged": QCoreApplication.translate(
            "messages",
            "‘{value}’ in column “{column}” is a number Excel rounded, so its real digits are lost. Format "
            "that column as text and export the file again.",
        ),
        "products_io.cost_invalid": QCoreApplication.translate("messages", "the cost ‘{value}’ is not a number."),
        "products_io.list_price_invalid": QCoreApplication.translate(
            "messages", "the price ‘{value}’ is not a number."
        ),
        "products_io.live_price_invalid": QCoreApplication.translate(
            "messages", "the live price ‘{value}’ is not a number."
        ),
        "products_io.cost_negative": QCoreApplication.translate("messages", "the cost ‘{value}’ is negative."),
        "products_io.list_price_negative": QCoreApplication.translate("messages", "the price ‘{value}’ is negative."),
        "products_io.live_price_negative": QCoreApplication.translate(
            "messages", "the live price ‘{value}’ is negative."
        ),
        "products_io.stock_invalid": QCoreApplication.translate(
            "messages", "the stock ‘{value}’ is not a whole number."
        ),
        "products_io.stock_negative": QCoreApplication.translate("messages", "the stock ‘{value}’ is negative."),
        "products_io.number_invalid": QCoreApplication.translate(
            "messages", "‘{value}’ in column “{column}” is not a whole number."
        ),
        "products_io.number_negative": QCoreApplication.translate(
            "messages", "‘{value}’ in column “{column}” is negative."
        ),
        "products_io.currency_invalid": QCoreApplication.translate(
            "messages", "‘{value}’ is not a currency code such as CNY or USD."
        ),
        "products_io.role_invalid": QCoreApplication.translate(
            "messages", "‘{value}’ is not a product role (引流款, 利润款, 主推款 or 福利款)."
        ),
        "products_io.spec_invalid": QCoreApplication.translate(
            "messages", "the spec ‘{value}’ names the same attribute twice."
        ),
        "products_io.bundle_stock": QCoreApplication.translate(
            "messages", "‘{sku}’ is a bundle whose stock comes from its components, so leave its stock cell empty."
        ),
        # progress stages
        "products_io.reading": QCoreApplication.translate("messages", "Reading the file…"),
        "products_io.checking": QCoreApplication.translate("messages", "Checking the rows…"),
        "products_io.writing": QCoreApplication.translate("messages", "Saving the products…"),
        "products_io.exporting": QCoreApplication.translate("messages", "Writing the export…"),
        # field names, for the column-mapping dialog
        "products_io.field.title": QCoreApplication.translate("messages", "Title"),
        "products_io.field.alt_title": QCoreApplication.translate("messages", "Alternative title"),
        "products_io.field.spec": QCoreApplication.translate("messages", "Spec"),
        "products_io.field.color": QCoreApplication.translate("messages", "Colour"),
        "products_io.field.size": QCoreApplication.translate("messages", "Size"),
        "products_io.field.sku_code": QCoreApplication.translate("messages", "SKU"),
        "products_io.field.barcode": QCoreApplication.translate("messages", "Barcode"),
        "products_io.field.cost": QCoreApplication.translate("messages", "Cost"),
        "products_io.field.list_price": QCoreApplication.translate("messages", "List price"),
        "products_io.field.live_price": QCoreApplication.translate("messages", "Live price"),
        "products_io.field.stock": QCoreApplication.translate("messages", "Stock"),
        "products_io.field.low_stock_threshold": QCoreApplication.translate("messages", "Low-stock alert"),
        "products_io.field.category": QCoreApplication.translate("messages", "Category"),
        "products_io.field.brand": QCoreApplication.translate("messages", "Brand"),
        "products_io.field.tags": QCoreApplication.translate("messages", "Tags"),
        "products_io.field.supplier": QCoreApplication.translate("messages", "Supplier"),
        "products_io.field.supplier_contact": QCoreApplication.translate("messages", "Supplier contact"),
        "products_io.field.ship_from_region": QCoreApplication.translate("messages", "Ships from"),
        "products_io.field.ship_cycle_days": QCoreApplication.translate("messages", "Shipping time (days)"),
        "products_io.field.restock_lead_days": QCoreApplication.translate("messages", "Restock time (days)"),
        "products_io.field.selling_points": QCoreApplication.translate("messages", "Selling points"),
        "products_io.field.talking_points": QCoreApplication.translate("messages", "Talking points"),
        "products_io.field.description": QCoreApplication.translate("messages", "Description"),
        "products_io.field.faq": QCoreApplication.translate("messages", "FAQ"),
        "products_io.field.compliance_notes": QCoreApplication.translate("messages", "Compliance notes"),
        "products_io.field.role": QCoreApplication.translate("messages", "Role in the show"),
        "products_io.field.currency": QCoreApplication.translate("messages", "Currency"),
    }


# --- backup, restore, check, demo (core/backup.py, core/demo.py) --------------------------------------------
def _maintenance_texts() -> dict[str, str]:
    return {
        "backup.no_database": QCoreApplication.translate(
            "messages", "There is no StreamDesk database at {path} yet. Check the file name or the --db option."
        ),
        "backup.same_file": QCoreApplication.translate(
            "messages", "A backup cannot be written over the database itself ({path}). Choose another file name."
        ),
        "restore.missing": QCoreApplication.translate(
            "messages", "There is no file {path}. Check the name; the database was not changed."
        ),
        "restore.same_file": QCoreApplication.translate(
            "messages", "{path} is the database itself. Choose a backup file to restore from; nothing was changed."
        ),
        "restore.damaged": QCoreApplication.translate(
            "messages",
            "{path} is damaged (it failed its integrity check), so it was not restored. The database was not changed.",
        ),
        "restore.in_use": QCoreApplication.translate(
            "messages",
            "The database {path} is in use by another program (is StreamDesk open?). Close it and restore again; "
            "nothing was changed.",
        ),
        "check.integrity": QCoreApplication.translate("messages", "The database file is damaged: {detail}"),
        "check.foreign_key": QCoreApplication.translate(
            "messages", "Row {rowid} of table {table} points to a missing row in {parent}."
        ),
        "check.ledger": QCoreApplication.translate(
            "messages", "SKU {sku}: the stock shown is {cached}, but its stock moves add up to {ledger}."
        ),
        "check.search_index": QCoreApplication.translate(
            "messages", "The search index does not match the products, so search may miss some SKUs."
        ),
        "check.unreadable": QCoreApplication.translate("messages", "Part of the database could not be read: {detail}"),
        "recovery.checking": QCoreApplication.translate("messages", "Looking for the newest good backup…"),
        "check.stage_integrity": QCoreApplication.translate("messages", "Checking the database file…"),
        "check.stage_links": QCoreApplication.translate("messages", "Checking links between records…"),
        "check.stage_stock": QCoreApplication.translate("messages", "Comparing stock with the stock moves…"),
        "check.stage_search": QCoreApplication.translate("messages", "Checking the search index…"),
        "check.stage_done": QCoreApplication.translate("messages", "Check finished."),
        "demo.exists": QCoreApplication.translate(
            "messages", "{path} already exists. Choose a new file name for the demo shop; nothing was changed."
        ),
        "demo.images": QCoreApplication.translate("messages", "Drawing the demo product pictures…"),
        "demo.products": QCoreApplication.translate("messages", "Adding the demo products…"),
        "demo.stock": QCoreApplication.translate("messages", "Writing the demo stock history…"),
    }


# --- live show timer (core/live_timer.py) ----------------------------------------------------------------------
def _timer_texts() -> dict[str, str]:
    return {
        "timer.no_segments": QCoreApplication.translate(
            "messages", "This show has no segments yet. Add at least one segment to the rundown before going live."
        ),
        "timer.already_started": QCoreApplication.translate("messages", "The show timer is already running."),
        "timer.not_started": QCoreApplication.translate("messages", "Start the show timer first (Space)."),
        "timer.finished": QCoreApplication.translate("messages", "This show has ended; its timer cannot change."),
        "timer.not_running": QCoreApplication.translate("messages", "The show timer is already paused."),
        "timer.not_paused": QCoreApplication.translate("messages", "The show timer is already running."),
        "timer.no_next_segment": QCoreApplication.translate(
            "messages", "This is the last segment. End the show when you are done."
        ),
        "timer.no_previous_segment": QCoreApplication.translate("messages", "This is the first segment."),
        "timer.no_such_segment": QCoreApplication.translate("messages", "There is no segment {number}."),
        "timer.zero_adjustment": QCoreApplication.translate("messages", "Add or remove at least one second."),
    }


# --- runs of the live timer (core/show_runs.py) -------------------------------------------------------------------
def _runs_texts() -> dict[str, str]:
    return {
        "runs.not_found": QCoreApplication.translate(
            "messages", "Run {run_id} of the show timer no longer exists. It may have been discarded."
        ),
        "runs.already_running": QCoreApplication.translate(
            "messages",
            "“{title}” is already live (run {run_id}). Resume that run, or end it, before going live again.",
        ),
        "runs.template_live": QCoreApplication.translate(
            "messages", "“{title}” is a template and cannot go live. Create a show from it first, or rehearse it."
        ),
        "runs.not_rehearsal": QCoreApplication.translate(
            "messages", "Only rehearsals can be discarded; the live run {run_id} is kept for the review."
        ),
        "runs.changed_elsewhere": QCoreApplication.translate(
            "messages",
            "Another StreamDesk window changed run {run_id}, so this step was not saved. Reopen the run to carry on.",
        ),
        "runs.export_failed": QCoreApplication.translate(
            "messages",
            "StreamDesk could not write {path}. Check that the folder exists and that you may write there; "
            "no file was changed.",
        ),
    }


# --- flash-sale countdown (core/flash_sale.py) --------------------------------------------------------------------
def _flash_sale_texts() -> dict[str, str]:
    return {
        "flash_sale.duration": QCoreApplication.translate(
            "messages", "A flash-sale countdown lasts {minimum} to {maximum} seconds, not {seconds}."
        ),
        "flash_sale.already_running": QCoreApplication.translate(
            "messages", "The flash-sale countdown is already running. Cancel it first to start again."
        ),
    }


# --- shows and rundowns (core/shows.py, core/rundown.py) ------------------------------------------------------
def _shows_texts() -> dict[str, str]:
    return {
        "shows.invalid": QCoreApplication.translate(
            "messages",
            "The show was not saved: {count} field(s) need fixing. Correct the marked fields and save again.",
        ),
        "shows.segment_invalid": QCoreApplication.translate(
            "messages",
            "The rundown was not changed: {count} segment field(s) need fixing. Correct them and try again.",
        ),
        "shows.not_found": QCoreApplication.translate(
            "messages", "Show {show_id} no longer exists. Refresh the shows list and try again."
        ),
        "shows.segment_not_found": QCoreApplication.translate(
            "messages", "That segment no longer exists. Reopen the rundown and try again."
        ),
        "shows.bad_position": QCoreApplication.translate(
            "messages", "There is no place {position} in a rundown of {count} segment(s); nothing was changed."
        ),
        "shows.has_runs": QCoreApplication.translate(
            "messages",
            "This show has already gone live, so it cannot be deleted: its timer log is kept for the review. "
            "Cancel it instead.",
        ),
        "shows.not_a_template": QCoreApplication.translate(
            "messages", "Show {show_id} is not a template. Choose a template and try again."
        ),
        "shows.title_required": QCoreApplication.translate("messages", "Give the show a title."),
        "shows.naive_time": QCoreApplication.translate("messages", "The time has no time zone. Enter it again."),
        "shows.duration_negative": QCoreApplication.translate("messages", "A duration cannot be negative."),
        "shows.currency_required": QCoreApplication.translate("messages", "Choose a currency."),
        "shows.target_negative": QCoreApplication.translate("messages", "A target cannot be negative."),
        "shows.person_name_required": QCoreApplication.translate("messages", "Enter the person’s name."),
        "shows.budget_label_required": QCoreApplication.translate("messages", "Say what the budget line is for."),
        "shows.budget_negative": QCoreApplication.translate("messages", "A budget amount cannot be negative."),
        "shows.unknown_variant": QCoreApplication.translate(
            "messages", "SKU {variant_id} no longer exists. Pick the product again."
        ),
        "shows.sku_target_duplicate": QCoreApplication.translate(
            "messages", "This SKU already has a target in this show."
        ),
        "shows.product_duplicate": QCoreApplication.translate(
            "messages", "This product is already linked to the segment."
        ),
        "shows.danger_negative": QCoreApplication.translate("messages", "The danger time cannot be negative."),
        "shows.warn_not_above_danger": QCoreApplication.translate(
            "messages", "The warning must start before the danger time ({danger_seconds} s left)."
        ),
        "shows.flash_sale_out_of_range": QCoreApplication.translate(
            "messages", "A flash-sale countdown lasts {min} to {max} seconds."
        ),
        "rundown.fixed_start_unreachable": QCoreApplication.translate(
            "messages",
            "“{title}” cannot start at its fixed time: the segments before it end {late_by_text} too late. "
            "Shorten or move them.",
        ),
        "rundown.over_planned": QCoreApplication.translate(
            "messages", "The rundown lasts {total_text}, {over_by_text} longer than the planned {planned_text}."
        ),
        "rundown.out_of_stock": QCoreApplication.translate("messages", "“{title}”: {product} ({sku}) is out of stock."),
        "rundown.archived_product": QCoreApplication.translate(
            "messages", "“{title}”: {product} ({sku}) is archived. Remove it or restore the product."
        ),
        "rundown.empty_duration": QCoreApplication.translate("messages", "“{title}” has no planned duration yet."),
    }


# --- rundown files (core/rundown_io.py, core/rundown_pdf.py) -------------------------------------------------
def _rundown_io_texts() -> dict[str, str]:
    return {
        # whole-file problems: nothing is imported
        "rundown_io.column_missing": QCoreApplication.translate(
            "messages",
            "The rundown file has no “{column}” column (other names it may have: {aliases}). Add it and import "
            "again; nothing was saved.",
        ),
        "rundown_io.no_rows": QCoreApplication.translate(
            "messages", "{path} has no segment rows under its header; nothing was saved."
        ),
        "rundown_io.invalid": QCoreApplication.translate(
            "messages", "The rundown file has {count} problem(s). Fix them and import again; nothing was saved."
        ),
        "rundown_io.refused": QCoreApplication.translate("messages", "{first} Nothing was saved."),
        "rundown_io.refused_more": QCoreApplication.translate(
            "messages", "{first} The file has {more} more problem(s); nothing was saved."
        ),
        "rundown_io.export_format": QCoreApplication.translate(
            "messages", "A rundown can be exported as .csv or .pdf; {path} has another extension."
        ),
        "rundown_io.write_failed": QCoreApplication.translate(
            "messages", "StreamDesk could not write {path} ({reason}). Choose another folder or close the file."
        ),
        # row problems: rendered after “Row 12: ”; one problem anywhere and nothing is imported
        "rundown_io.unknown_sku": QCoreApplication.translate("messages", "there is no SKU ‘{sku}’ in the catalogue."),
        "rundown_io.duration_missing": QCoreApplication.translate(
            "messages", "the planned duration is empty. Write it as minutes:seconds, such as 5:00."
        ),
        "rundown_io.duration_invalid": QCoreApplication.translate(
            "messages", "‘{value}’ in column “{column}” is not a duration such as 5:00, 1:15:00 or 300 (seconds)."
        ),
        "rundown_io.kind_invalid": QCoreApplication.translate(
            "messages",
            "‘{value}’ is not a segment kind (opening, warm_up, pitch, flash_sale, giveaway, interaction, break, "
            "closing, or 开场, 暖场, 讲解, 秒杀, 福袋, 互动, 休息, 收尾).",
        ),
        "rundown_io.time_invalid": QCoreApplication.translate(
            "messages", "the fixed start ‘{value}’ is not a time such as 20:00 or 2026-03-01 20:00."
        ),
        "rundown_io.time_skipped": QCoreApplication.translate(
            "messages",
            "the fixed start ‘{value}’ does not exist on {date}: the clocks go forward over that time. "
            "Write a time outside the skipped hour.",
        ),
        "rundown_io.time_needs_date": QCoreApplication.translate(
            "messages",
            "the fixed start ‘{value}’ is a time of day, but the show has no date. Write a date and time, "
            "or give the show a start first.",
        ),
        "rundown_io.position_invalid": QCoreApplication.translate(
            "messages", "the position ‘{value}’ is not a whole number."
        ),
        "rundown_io.warn_not_above_danger": QCoreApplication.translate(
            "messages", "the warning time {warn} must be longer than the danger time {danger}."
        ),
        "rundown_io.flash_sale_out_of_range": QCoreApplication.translate(
            "messages", "the flash-sale countdown of {value} seconds must be between {min} and {max} seconds."
        ),
    }


# --- shipping files (core/shipping_io/, core/order_pdf.py) --------------------------------------------------------
def _shipping_io_texts() -> dict[str, str]:
    return {
        "shipping_io.unknown_preset": QCoreApplication.translate(
            "messages", "There is no shipping export preset ‘{preset}’. Choose one of: {presets}."
        ),
        "shipping_io.wrong_format": QCoreApplication.translate(
            "messages", "The {preset} preset writes {formats} files; {path} has another extension."
        ),
        "shipping_io.no_folder": QCoreApplication.translate(
            "messages", "The folder of {path} does not exist. Choose another place for the export."
        ),
        "shipping_io.write_failed": QCoreApplication.translate(
            "messages", "StreamDesk could not write {path} ({reason}). Choose another folder or close the file."
        ),
        "shipping_io.unknown_status": QCoreApplication.translate(
            "messages", "‘{status}’ is not an order status. Use one of: {statuses}."
        ),
        "shipping_io.picklist_format": QCoreApplication.translate(
            "messages", "A pick list can be written as .pdf or .csv; {path} has another extension."
        ),
        "shipping_io.no_orders": QCoreApplication.translate(
            "messages", "No orders are selected. Select the orders to print packing slips for."
        ),
        # progress stage
        "shipping_io.exporting": QCoreApplication.translate("messages", "Writing the shipping file…"),
        # per order, rendered by describe_order_problem after “Order 6917…: ” (refused orders are not in the file)
        "shipping_io.masked": QCoreApplication.translate(
            "messages",
            "left out: the platform masked the recipient's name, phone or address (with *). Print its label from "
            "the platform's own shipping flow (电子面单), or type the real details in first.",
        ),
        "shipping_io.no_address": QCoreApplication.translate(
            "messages", "left out: it has no recipient or no address. Add them to the order and export again."
        ),
        "shipping_io.no_phone": QCoreApplication.translate(
            "messages", "left out: it has no phone number, and the courier needs one. Add it and export again."
        ),
        "shipping_io.address_unsplit": QCoreApplication.translate(
            "messages",
            "the province and city could not be read from the address, so those cells are empty. Check them "
            "before you upload the file.",
        ),
        "shipping_io.shortened": QCoreApplication.translate(
            "messages", "too long for the target, cut to fit: {columns}."
        ),
        "shipping_io.not_latin": QCoreApplication.translate(
            "messages", "the target prints only Latin letters, and these are not: {columns}."
        ),
        "shipping_io.truncated": QCoreApplication.translate(
            "messages", "a text longer than Excel's 32,767 characters was cut; it ends in “…[truncated]”."
        ),
    }


# --- orders, customers, live capture (core/orders.py, core/customers.py, core/live_sales.py) ------------------
def _orders_texts() -> dict[str, str]:
    return {
        "orders.not_found": QCoreApplication.translate(
            "messages", "Order {order_id} no longer exists. Refresh the orders and try again."
        ),
        "orders.line_not_found": QCoreApplication.translate(
            "messages", "Order line {line_id} no longer exists. Refresh the orders and try again."
        ),
        "orders.line_has_returns": QCoreApplication.translate(
            "messages",
            "Order line {line_id} already has units returned through an after-sales case, so it cannot be mapped "
            "to another SKU. Remove the case's returned items first; nothing was changed.",
        ),
        "orders.customer_not_found": QCoreApplication.translate(
            "messages", "Customer {customer_id} no longer exists. Refresh the customers and try again."
        ),
        "orders.tracking_required": QCoreApplication.translate(
            "messages", "Enter a tracking number to mark order {order_no} shipped; nothing was changed."
        ),
        "orders.cannot_ship": QCoreApplication.translate(
            "messages",
            "Order {order_no} is cancelled or refunded, so it cannot be marked shipped. Change its status first.",
        ),
        "orders.nickname_required": QCoreApplication.translate(
            "messages", "Enter the buyer's nickname as the comment shows it; nothing was saved."
        ),
        "orders.quantity_invalid": QCoreApplication.translate(
            "messages", "The quantity must be at least 1, not {quantity}; nothing was saved."
        ),
        "orders.price_negative": QCoreApplication.translate(
            "messages", "The price cannot be negative; nothing was saved."
        ),
        "orders.out_of_stock": QCoreApplication.translate(
            "messages",
            "Only {available} of {sku} left, not enough for {quantity}. Allow a backorder to sell it anyway, "
            "or add the buyer to the waitlist; nothing was saved.",
        ),
        "orders.show_not_found": QCoreApplication.translate(
            "messages", "Show {show_id} no longer exists. Choose another show; nothing was saved."
        ),
        "orders.segment_not_found": QCoreApplication.translate(
            "messages", "Segment {segment_id} no longer exists. Reload the rundown; nothing was saved."
        ),
        "orders.not_live": QCoreApplication.translate(
            "messages", "Order {order_no} was imported, not captured live, so it cannot be undone here."
        ),
        "orders.live_sale_in_use": QCoreApplication.translate(
            "messages",
            "Order {order_no} has been shipped or has an after-sales case, so the capture can no longer be undone. "
            "Cancel the order instead.",
        ),
        "orders.waitlist_not_found": QCoreApplication.translate(
            "messages", "That waitlist entry no longer exists. Refresh the waitlist and try again."
        ),
        "orders.draw_no_entrants": QCoreApplication.translate(
            "messages", "A lucky draw needs at least one entrant. Add buyers or type names; nothing was drawn."
        ),
        "orders.draw_winners_invalid": QCoreApplication.translate(
            "messages",
            "Choose between 1 and {entrants} winners (one per entrant), not {winners}; nothing was drawn.",
        ),
    }


# --- order import (core/orders_io/) ---------------------------------------------------------------------------
def _orders_io_texts() -> dict[str, str]:
    return {
        # whole-file problems: the import stops and nothing is saved
        "orders_io.unknown_format": QCoreApplication.translate(
            "messages",
            "StreamDesk does not recognise the columns of {path} ({headers}). Choose the platform yourself or map "
            "the columns; nothing was saved.",
        ),
        "orders_io.unknown_preset": QCoreApplication.translate(
            "messages", "“{preset}” is not an import preset. The presets are: {presets}."
        ),
        "orders_io.columns_missing": QCoreApplication.translate(
            "messages",
            "{path} looks like a {preset} export but has no column for {columns}. Export it again with those "
            "columns, or map them yourself; nothing was saved.",
        ),
        "orders_io.companion_missing": QCoreApplication.translate(
            "messages",
            "{path} holds only the orders of a {preset} export; their items are in a second file whose name starts "
            "with {prefix}. Put both files in one folder and import again; nothing was saved.",
        ),
        "orders_io.csv_broken": QCoreApplication.translate(
            "messages",
            "{path} is broken near row {row} (a quote that never closes, or a cell too long). Export the file "
            "again; nothing was saved.",
        ),
        "orders_io.no_valid_rows": QCoreApplication.translate(
            "messages",
            "None of the {count} row(s) can be imported. The first problem: {first} Fix the file and import "
            "again; nothing was saved.",
        ),
        "orders_io.nothing_to_import": QCoreApplication.translate(
            "messages", "{path} has no order that can be imported; nothing was saved."
        ),
        "orders_io.show_missing": QCoreApplication.translate(
            "messages", "There is no show {show_id}. Run “streamdesk shows list” to see the shows; nothing was saved."
        ),
        "orders_io.plan_stale": QCoreApplication.translate(
            "messages", "This preview no longer matches the database. Preview the import again; nothing was saved."
        ),
        "orders_io.mapping_unknown_field": QCoreApplication.translate(
            "messages", "The column mapping names a field “{field}” that does not exist. The fields are: {fields}."
        ),
        "orders_io.mapping_unknown_column": QCoreApplication.translate(
            "messages", "The column mapping points at “{column}”, but the file has no column with that header."
        ),
        "orders_io.mapping_name_invalid": QCoreApplication.translate(
            "messages", "Give the mapping a name of 1 to {limit} characters."
        ),
        "orders_io.mapping_needs_order_id": QCoreApplication.translate(
            "messages", "Choose which column holds the order ID before saving the mapping."
        ),
        "orders_io.mapping_missing": QCoreApplication.translate(
            "messages", "There is no saved mapping called “{name}”. Choose another preset or mapping."
        ),
        "orders_io.tracking_columns_missing": QCoreApplication.translate(
            "messages",
            "{path} needs an order ID column (订单号, Order ID) and a tracking number column (物流单号, Tracking ID); "
            "nothing was saved.",
        ),
        "orders_io.no_tracking_rows": QCoreApplication.translate(
            "messages",
            "No order in {path} could be marked shipped. The first problem: {first} Nothing was saved.",
        ),
        # row problems: rendered after “Row 12: ”; the row's order is skipped, the other orders are imported
        "orders_io.order_id_missing": QCoreApplication.translate(
            "messages", "the order ID in column “{column}” is empty, so the row was skipped."
        ),
        "orders_io.id_damaged": QCoreApplication.translate(
            "messages",
            "the ID ‘{value}’ was rounded by a spreadsheet, so its real digits are lost and it was not imported. "
            "Export the file from the platform again and import it without opening it in Excel.",
        ),
        "orders_io.not_an_order": QCoreApplication.translate(
            "messages", "‘{value}’ is not an order ID of this platform, so the row was skipped."
        ),
        "orders_io.line_duplicate": QCoreApplication.translate(
            "messages", "the line ‘{line}’ appears twice in this order; the repeat was skipped."
        ),
        "orders_io.qty_invalid": QCoreApplication.translate(
            "messages", "the quantity ‘{value}’ is not a whole number."
        ),
        "orders_io.qty_not_positive": QCoreApplication.translate(
            "messages", "the quantity ‘{value}’ must be at least 1."
        ),
        "orders_io.money_invalid": QCoreApplication.translate(
            "messages", "‘{value}’ in column “{column}” is not an amount of money."
        ),
        "orders_io.money_negative": QCoreApplication.translate("messages", "the amount ‘{value}’ is negative."),
        "orders_io.line_unnamed": QCoreApplication.translate(
            "messages", "the line has neither a product title nor a SKU."
        ),
        "orders_io.currency_invalid": QCoreApplication.translate(
            "messages", "‘{value}’ in column “{column}” is not a currency code such as CNY or USD."
        ),
        "orders_io.date_invalid": QCoreApplication.translate(
            "messages", "‘{value}’ in column “{column}” is not a date and time this platform writes."
        ),
        "orders_io.created_missing": QCoreApplication.translate(
            "messages", "the order has no time it was placed or paid (column “{column}”)."
        ),
        "orders_io.companion_order_missing": QCoreApplication.translate(
            "messages", "the order {order} is not in the orders file beside this one, so it was skipped."
        ),
        "orders_io.order_without_lines": QCoreApplication.translate(
            "messages", "the order {order} has no items in the items file beside this one, so it was skipped."
        ),
        "orders_io.order_rejected": QCoreApplication.translate(
            "messages", "skipped with the rest of order {order}, because row {bad_row} of it has a problem."
        ),
        "orders_io.tracking_missing": QCoreApplication.translate(
            "messages", "the order {order} has no tracking number."
        ),
        "orders_io.tracking_order_unknown": QCoreApplication.translate(
            "messages", "there is no order {order} in StreamDesk. Import the platform's orders first."
        ),
        "orders_io.tracking_order_ambiguous": QCoreApplication.translate(
            "messages", "several platforms have an order {order}, so StreamDesk cannot tell which one shipped."
        ),
        # progress stages
        "orders_io.reading": QCoreApplication.translate("messages", "Reading the orders…"),
        "orders_io.checking": QCoreApplication.translate("messages", "Checking the orders…"),
        "orders_io.writing": QCoreApplication.translate("messages", "Saving the orders…"),
        # field names, for the column-mapping dialog
        "orders_io.field.order_id": QCoreApplication.translate("messages", "Order ID"),
        "orders_io.field.created_at": QCoreApplication.translate("messages", "Order time"),
        "orders_io.field.paid_at": QCoreApplication.translate("messages", "Payment time"),
        "orders_io.field.shipped_at": QCoreApplication.translate("messages", "Shipping time"),
        "orders_io.field.completed_at": QCoreApplication.translate("messages", "Completion time"),
        "orders_io.field.cancelled_at": QCoreApplication.translate("messages", "Cancellation time"),
        "orders_io.field.buyer_nick": QCoreApplication.translate("messages", "Buyer nickname"),
        "orders_io.field.paid_amount": QCoreApplication.translate("messages", "Amount paid"),
        "orders_io.field.payable_amount": QCoreApplication.translate("messages", "Amount due"),
        "orders_io.field.discount": QCoreApplication.translate("messages", "Discount"),
        "orders_io.field.shipping_fee": QCoreApplication.translate("messages", "Shipping fee"),
        "orders_io.field.refund_amount": QCoreApplication.translate("messages", "Amount refunded"),
        "orders_io.field.adjusted_total": QCoreApplication.translate("messages", "Adjusted total"),
        "orders_io.field.order_status": QCoreApplication.translate("messages", "Order status"),
        "orders_io.field.fulfilment_status": QCoreApplication.translate("messages", "Fulfilment status"),
        "orders_io.field.recipient": QCoreApplication.translate("messages", "Recipient"),
        "orders_io.field.phone": QCoreApplication.translate("messages", "Phone"),
        "orders_io.field.province": QCoreApplication.translate("messages", "Province / state"),
        "orders_io.field.city": QCoreApplication.translate("messages", "City"),
        "orders_io.field.district": QCoreApplication.translate("messages", "District"),
        "orders_io.field.address": QCoreApplication.translate("messages", "Address"),
        "orders_io.field.address2": QCoreApplication.translate("messages", "Address line 2"),
        "orders_io.field.postcode": QCoreApplication.translate("messages", "Postcode"),
        "orders_io.field.country": QCoreApplication.translate("messages", "Country"),
        "orders_io.field.buyer_note": QCoreApplication.translate("messages", "Buyer's note"),
        "orders_io.field.seller_note": QCoreApplication.translate("messages", "Seller's note"),
        "orders_io.field.tracking_no": QCoreApplication.translate("messages", "Tracking number"),
        "orders_io.field.courier": QCoreApplication.translate("messages", "Courier"),
        "orders_io.field.logistics": QCoreApplication.translate("messages", "Courier and tracking number"),
        "orders_io.field.currency": QCoreApplication.translate("messages", "Currency"),
        "orders_io.field.line_id": QCoreApplication.translate("messages", "Line ID"),
        "orders_io.field.title": QCoreApplication.translate("messages", "Product title"),
        "orders_io.field.sku_code": QCoreApplication.translate("messages", "SKU"),
        "orders_io.field.spec": QCoreApplication.translate("messages", "Spec"),
        "orders_io.field.qty": QCoreApplication.translate("messages", "Quantity"),
        "orders_io.field.unit_price": QCoreApplication.translate("messages", "Unit price"),
        "orders_io.field.line_total": QCoreApplication.translate("messages", "Line total"),
        "orders_io.field.refund_status": QCoreApplication.translate("messages", "After-sales status"),
    }


# --- after-sales cases (core/after_sales.py) ------------------------------------------------------------------
def _after_sales_texts() -> dict[str, str]:
    return {
        "after_sales.not_found": QCoreApplication.translate(
            "messages", "Case {case_id} no longer exists. Refresh the cases and try again."
        ),
        "after_sales.refund_negative": QCoreApplication.translate(
            "messages", "The refund cannot be negative; the case was not saved."
        ),
        "after_sales.items_need_order": QCoreApplication.translate(
            "messages",
            "Choose the order first: returned items must come from one of its lines. The case was not saved.",
        ),
        "after_sales.line_not_in_order": QCoreApplication.translate(
            "messages",
            "Order line {line_id} is not part of the case's order, or is listed twice. The case was not saved.",
        ),
        "after_sales.quantity_invalid": QCoreApplication.translate(
            "messages",
            "A returned quantity must be between 1 and the {ordered} ordered, not {quantity}. The case was not saved.",
        ),
    }


# --- after-sales workflow (ui/pages/orders/case_commands.py: AfterSales moves cases anywhere, for undo) ---------
def _case_workflow_texts() -> dict[str, str]:
    return {
        "cases.closed_final": QCoreApplication.translate(
            "messages",
            "Case {case_id} is closed, and a closed case is final: it cannot move to “{status}”. "
            "Open a new case if the customer comes back; nothing was changed.",
        ),
        "cases.not_forward": QCoreApplication.translate(
            "messages",
            "Case {case_id} is already “{current}”, so it cannot go to “{status}”: cases only move forward "
            "(open → in progress → resolved → closed). Nothing was changed.",
        ),
        "cases.moved_meanwhile": QCoreApplication.translate(
            "messages",
            "Case {case_id} has been moved to “{current}” since, so this step cannot be undone; nothing was changed.",
        ),
    }


# --- warm-up (core/warmup*.py): booking links, tasks, booking counts, platform rules ---------------------------
def _warmup_texts() -> dict[str, str]:
    return {
        "warmup.url_invalid": QCoreApplication.translate(
            "messages",
            "“{url}” is not a web link. Paste the booking link as the platform shares it, starting with http:// "
            "or https://.",
        ),
        "warmup.url_too_long": QCoreApplication.translate(
            "messages",
            "The link is {length} characters long; at most {maximum} fit in a QR code that scans. Use the "
            "platform's short share link instead.",
        ),
        "warmup.tracking_param_invalid": QCoreApplication.translate(
            "messages",
            "“{name}” cannot be a tracking parameter: use up to 32 letters, digits, “_”, “.” or “-” (for "
            "example utm_source), or leave it empty to turn tracking off.",
        ),
        "warmup.label_too_long": QCoreApplication.translate(
            "messages", "The channel name is too long: keep it to {maximum} characters."
        ),
        "warmup.tracking_value_too_long": QCoreApplication.translate(
            "messages", "The tracking value is too long: keep it to {maximum} characters, such as “gzh” or “pyq”."
        ),
        "warmup.bookings_negative": QCoreApplication.translate(
            "messages", "A booking count cannot be negative ({bookings}). Enter the number the platform shows."
        ),
        "warmup.link_not_found": QCoreApplication.translate(
            "messages", "That booking link no longer exists. Reopen the show's warm-up plan and try again."
        ),
        "warmup.task_not_found": QCoreApplication.translate(
            "messages", "That warm-up task no longer exists. Reopen the show's warm-up plan and try again."
        ),
        "warmup.bad_position": QCoreApplication.translate(
            "messages",
            "There is no place {position} among the show's {count} booking links. Reopen the plan and try again.",
        ),
        "warmup.custom_title_required": QCoreApplication.translate(
            "messages", "Give the task a title: an own task has no default one."
        ),
        "warmup.title_too_long": QCoreApplication.translate(
            "messages", "The task title is too long: keep it to {maximum} characters and put details in the notes."
        ),
        "warmup.notes_too_long": QCoreApplication.translate(
            "messages", "The task notes are too long: keep them to {maximum} characters."
        ),
        "warmup.offset_out_of_range": QCoreApplication.translate(
            "messages", "A task can be due at most {days} days before or after the show's start. Check the time."
        ),
        "warmup.template_publish_twice": QCoreApplication.translate(
            "messages",
            "The template has two “publish the booking link” tasks. Keep one: it sets when each link's task is due.",
        ),
        "warmup.publish_task_needs_link": QCoreApplication.translate(
            "messages",
            "A “publish the booking link” task comes with a booking link. Add the link on the Booking links tab "
            "and its task appears by itself.",
        ),
        "warmup.publish_task_kind": QCoreApplication.translate(
            "messages",
            "This task belongs to a booking link, so it stays a “publish the booking link” task. You can change "
            "its time, title and notes.",
        ),
        "warmup.publish_task_of_link": QCoreApplication.translate(
            "messages",
            "This task belongs to a booking link. Delete the link to remove it, or tick it off when it is done.",
        ),
        "warmup.poster_settings_invalid": QCoreApplication.translate(
            "messages", "The poster choices could not be saved: they were not in the expected form."
        ),
        "warmup.counts_columns_missing": QCoreApplication.translate(
            "messages",
            "The file needs a channel column and a bookings column (for example “渠道” and “预约人数”, or "
            "“channel” and “bookings”); its columns are: {headers}. Rename them and import again.",
        ),
        "warmup.count_channel_missing": QCoreApplication.translate(
            "messages", "the count {bookings} has no channel. Add the channel's name; this row was left out."
        ),
        "warmup.count_channel_unknown": QCoreApplication.translate(
            "messages",
            "the show has no booking link for “{channel}”. Use a link's name as the plan shows it; this row "
            "was left out.",
        ),
        "warmup.count_channel_ambiguous": QCoreApplication.translate(
            "messages",
            "“{channel}” fits {count} booking links. Use each link's own name; this row was left out.",
        ),
        "warmup.count_missing": QCoreApplication.translate(
            "messages", "“{channel}” has no booking count. Fill it in; this row was left out."
        ),
        "warmup.count_not_a_number": QCoreApplication.translate(
            "messages", "the count “{value}” for “{channel}” is not a whole number. Fix it; this row was left out."
        ),
        "warmup.count_out_of_range": QCoreApplication.translate(
            "messages", "the count “{value}” for “{channel}” cannot be right. Fix it; this row was left out."
        ),
        "warmup.count_channel_twice": QCoreApplication.translate(
            "messages",
            "“{channel}” was already counted in row {first_row}. Keep one row per link; this row was left out.",
        ),
        "warmup.rule.no_planned_start": QCoreApplication.translate(
            "messages",
            "The show has booking links but no start time. Set the planned start: bookings, posters and task "
            "times all depend on it.",
        ),
        "warmup.rule.channels_start_moved": QCoreApplication.translate(
            "messages",
            "The show now starts {minutes} minutes away from the time the WeChat Channels booking for {channel} "
            "announced. Channels reminds the people who booked only when the live starts within an hour of that "
            "time, and a booking cannot be edited. Move the show back, or revoke the booking in Channels, create "
            "it again for the new time and choose “Re-made the booking” (its count starts again from zero).",
        ),
        "warmup.rule.start_moved": QCoreApplication.translate(
            "messages",
            "The show moved by {minutes} minutes after the booking link for {channel} was made, so the link, "
            "its posts and its posters still say the old time. Update the booking on the platform, then choose "
            "“Re-made the booking” and print the posters again.",
        ),
        "warmup.rule.link_expired": QCoreApplication.translate(
            "messages",
            "The booking link for {channel} stops working before the show starts. Create a new booking on the "
            "platform and paste its link here.",
        ),
        "warmup.rule.too_soon_to_spread": QCoreApplication.translate(
            "messages",
            "The event link for {channel} was made only {hours} hours before the show: an event needs two to "
            "three days to collect registrations. Share it everywhere now, or move the show later.",
        ),
    }


# --- posters (core/poster*.py, commands/poster.py) ------------------------------------------------------------
def _poster_texts() -> dict[str, str]:
    return {
        "poster.unknown_template": QCoreApplication.translate(
            "messages", "There is no poster template “{template}”. Choose one of: {choices}."
        ),
        "poster.unknown_theme": QCoreApplication.translate(
            "messages", "There is no poster theme “{theme}”. Choose one of: {choices}."
        ),
        "poster.no_cjk_font": QCoreApplication.translate(
            "messages",
            "No Chinese font is installed, so the poster's Chinese text would print as empty boxes. Install a "
            "Chinese font (for example Noto Sans CJK SC) and try again; nothing was written.",
        ),
        "poster.qr_unreadable": QCoreApplication.translate(
            "messages",
            "The QR code on the {template} poster could not be read back, so the poster was not written. Choose "
            "a larger template, a shorter link or stronger QR colours.",
        ),
        "poster.write_failed": QCoreApplication.translate(
            "messages", "The poster could not be written to {path}: {reason}. Nothing was saved."
        ),
        "poster.nothing_to_print": QCoreApplication.translate(
            "messages", "There is no poster to write: choose at least one channel."
        ),
        "poster.bad_format": QCoreApplication.translate(
            "messages", "{path}: a poster is written as .pdf or .png; choose one of those extensions."
        ),
        "poster.png_one_page": QCoreApplication.translate(
            "messages",
            "A PNG holds one poster: write one poster per channel to a .pdf, or choose one channel with --channel.",
        ),
        "poster.unknown_channel": QCoreApplication.translate(
            "messages", "The show has no booking link for the channel “{channel}”. Its channels: {choices}."
        ),
        "poster.no_links": QCoreApplication.translate(
            "messages", "The show has no booking links yet: add one on the Warm-up page, then print its posters."
        ),
    }


# --- pre-flight (core/preflight*.py): checklist templates, runs, values, overrides ------------------------------
def _preflight_texts() -> dict[str, str]:
    return {
        "preflight.template_name_missing": QCoreApplication.translate(
            "messages", "The checklist needs a name. Type one, for example “Evening show”, and save again."
        ),
        "preflight.template_name_too_long": QCoreApplication.translate(
            "messages", "The checklist's name is too long: keep it to {maximum} characters."
        ),
        "preflight.template_name_taken": QCoreApplication.translate(
            "messages", "There is already a checklist called “{name}”. Choose another name, or edit that checklist."
        ),
        "preflight.template_no_items": QCoreApplication.translate(
            "messages", "The checklist has no items. Add at least one thing to check before saving it."
        ),
        "preflight.template_too_many_items": QCoreApplication.translate(
            "messages", "A checklist holds at most {maximum} items. Remove some, or split it into two checklists."
        ),
        "preflight.template_not_found": QCoreApplication.translate(
            "messages", "Checklist {template_id} no longer exists. Choose another checklist."
        ),
        "preflight.last_template": QCoreApplication.translate(
            "messages",
            "“{name}” is the only checklist, so it cannot be deleted. Create another checklist first, or edit this one.",
        ),
        "preflight.item_title_missing": QCoreApplication.translate(
            "messages", "Item {position} of the checklist has no title. Say what to check, or remove the item."
        ),
        "preflight.item_title_too_long": QCoreApplication.translate(
            "messages",
            "The title of item {position} is too long: keep it to {maximum} characters and put details in the hint.",
        ),
        "preflight.item_hint_too_long": QCoreApplication.translate(
            "messages", "The hint of “{title}” is too long: keep it to {maximum} characters."
        ),
        "preflight.item_probe_missing": QCoreApplication.translate(
            "messages",
            "“{title}” is an automatic check but says nothing about what to measure. Choose the probe "
            "(microphone, network …), or make it a manual item.",
        ),
        "preflight.item_probe_unexpected": QCoreApplication.translate(
            "messages",
            "“{title}” has a probe but is not an automatic check. Make it an automatic check, or remove the probe.",
        ),
        "preflight.item_unit_too_long": QCoreApplication.translate(
            "messages", "The unit of “{title}” is too long: keep it to {maximum} characters (for example %)."
        ),
        "preflight.item_limit_invalid": QCoreApplication.translate(
            "messages", "The limits of “{title}” must be numbers. Correct them, or leave them empty."
        ),
        "preflight.item_limits_reversed": QCoreApplication.translate(
            "messages",
            "The minimum of “{title}” ({minimum}) is above its maximum ({maximum}). Swap them or correct one.",
        ),
        "preflight.show_is_template": QCoreApplication.translate(
            "messages",
            "“{title}” is a show template, not a show. Create a show from it and run the pre-flight check for that show.",
        ),
        "preflight.run_not_found": QCoreApplication.translate(
            "messages", "Pre-flight run {run_id} no longer exists. Refresh the page and start a new run if needed."
        ),
        "preflight.result_not_found": QCoreApplication.translate(
            "messages", "That checklist item no longer exists (its run was deleted). Refresh the page."
        ),
        "preflight.not_a_value_item": QCoreApplication.translate(
            "messages", "“{title}” is not checked by typing a value: tick it or run its probe instead."
        ),
        "preflight.value_not_a_number": QCoreApplication.translate(
            "messages", "“{text}” is not a number. Type the value as a number, for example 85 or 85%."
        ),
        "preflight.value_too_long": QCoreApplication.translate(
            "messages", "The value is too long: keep it to {maximum} characters."
        ),
        "preflight.note_too_long": QCoreApplication.translate(
            "messages", "The note is too long: keep it to {maximum} characters."
        ),
        "preflight.measured_invalid": QCoreApplication.translate(
            "messages", "The probe's figure “{name}” could not be saved. Run the probe again."
        ),
        "preflight.override_reason_missing": QCoreApplication.translate(
            "messages",
            "Say why the show goes live although a critical check failed (for example “backup mic in use”): "
            "the reason is logged with the run.",
        ),
        "preflight.override_reason_too_long": QCoreApplication.translate(
            "messages", "The reason is too long: keep it to {maximum} characters."
        ),
    }


# --- pre-flight probes (core/probes/*): each verdict says what is wrong and what to do; stages of a running probe ---
def _preflight_probe_texts() -> dict[str, str]:
    return {
        # microphone (core/probes/levels.py, audio.py): peak_dbfs, rms_dbfs, clipped, seconds, the thresholds,
        # adjust_db (signed: "+6" up, "-4" down)
        "preflight.audio.no_device": QCoreApplication.translate(
            "messages",
            "No microphone was found. Plug in the microphone or the sound card, choose it in the device list and "
            "run the test again.",
        ),
        "preflight.audio.device_failed": QCoreApplication.translate(
            "messages",
            "The sound device “{device}” did not work ({reason}). Close other apps that use it, plug it in again "
            "and run the test again, or choose another device.",
        ),
        "preflight.audio.silent": QCoreApplication.translate(
            "messages",
            "The microphone picked up nothing: its peak was {peak_dbfs} dBFS in {seconds} s. Check that it is "
            "plugged in, switched on and not muted, that the right device is chosen, and test again while speaking.",
        ),
        "preflight.audio.too_quiet": QCoreApplication.translate(
            "messages",
            "The microphone is too quiet: its peak was {peak_dbfs} dBFS (below {quiet_below} dBFS). Turn the gain "
            "up by about {adjust_db} dB or move closer to the microphone, and test again.",
        ),
        "preflight.audio.clipping": QCoreApplication.translate(
            "messages",
            "The microphone is too loud and will distort: its peak was {peak_dbfs} dBFS with {clipped} clipped "
            "samples. Turn the gain down (change it by {adjust_db} dB) or move back a little, and test again.",
        ),
        "preflight.audio.good": QCoreApplication.translate(
            "messages",
            "The microphone level is good: its peak was {peak_dbfs} dBFS, between {good_low} and {good_high} dBFS.",
        ),
        "preflight.audio.acceptable": QCoreApplication.translate(
            "messages",
            "The microphone works (peak {peak_dbfs} dBFS) but is not in the best range of {good_low} to "
            "{good_high} dBFS: change the gain by {adjust_db} dB for the clearest sound.",
        ),
        "preflight.audio.recording": QCoreApplication.translate(
            "messages", "Recording from the microphone: speak as you will during the show…"
        ),
        "preflight.audio.tone": QCoreApplication.translate("messages", "Playing the test tone…"),
        # network (core/probes/network.py): dns_ms, latency_ms, jitter_ms, upload_mbps (when measured), need_1080p,
        # need_720p, max_latency_ms, max_jitter_ms, failures, url
        "preflight.network.offline": QCoreApplication.translate(
            "messages",
            "There is no connection to the internet: nothing answered in time ({failures}). Check the Wi-Fi or "
            "cable and the router, then test again. Do not go live on this connection.",
        ),
        "preflight.network.slow_upload": QCoreApplication.translate(
            "messages",
            "The upload is too slow for a live stream: {upload_mbps} Mbit/s, and even 720p needs {need_720p} "
            "Mbit/s. Use a cable or 5 GHz Wi-Fi, stop other uploads (cloud backups, videos) and test again.",
        ),
        "preflight.network.upload_failed": QCoreApplication.translate(
            "messages",
            "The upload test to {url} did not finish in time. Check that this address accepts uploads (Settings, "
            "Pre-flight) and that the connection holds, then test again.",
        ),
        "preflight.network.upload_720p": QCoreApplication.translate(
            "messages",
            "The upload of {upload_mbps} Mbit/s is enough for 720p but not for 1080p ({need_1080p} Mbit/s). "
            "Stream in 720p, or use a cable and stop other uploads, then test again.",
        ),
        "preflight.network.hosts_unreachable": QCoreApplication.translate(
            "messages",
            "The upload works, but none of the servers used to measure the delay answered ({failures}). Check the "
            "host list in Settings (Pre-flight), and whether a firewall blocks them.",
        ),
        "preflight.network.latency": QCoreApplication.translate(
            "messages",
            "The connection is slow to answer: {latency_ms} ms (the limit is {max_latency_ms} ms), so viewers' "
            "comments and orders will lag. Use a cable or move closer to the router, then test again.",
        ),
        "preflight.network.jitter": QCoreApplication.translate(
            "messages",
            "The connection is unsteady: its delay varies by {jitter_ms} ms (the limit is {max_jitter_ms} ms), so "
            "the stream may stutter. Pause downloads and other devices on the network, or use a cable.",
        ),
        "preflight.network.no_upload_test": QCoreApplication.translate(
            "messages",
            "The connection answers, but its upload speed was not measured. Set an upload test address in Settings "
            "(Pre-flight) to check it, or check the upload with the platform's own test.",
        ),
        "preflight.network.good": QCoreApplication.translate(
            "messages", "The network is good: {upload_mbps} Mbit/s upload, enough for 1080p."
        ),
        "preflight.network.dns": QCoreApplication.translate("messages", "Looking up the servers…"),
        "preflight.network.upload": QCoreApplication.translate("messages", "Measuring the upload speed…"),
        # computer (core/probes/system.py): free_gb, min_gb, path, max_offset_s, percent and offset_s when known
        "preflight.machine.low_disk": QCoreApplication.translate(
            "messages",
            "Only {free_gb} GB is free on the disk of {path}; a recording needs at least {min_gb} GB. Delete or "
            "move old recordings, then test again.",
        ),
        "preflight.machine.on_battery": QCoreApplication.translate(
            "messages", "The computer is running on its battery. Plug in the charger: a long show can drain it."
        ),
        "preflight.machine.clock_off": QCoreApplication.translate(
            "messages",
            "The computer's clock is off by {offset_s} seconds (more than {max_offset_s}). Turn on automatic date "
            "and time, or the countdowns and order times will be wrong.",
        ),
        "preflight.machine.good": QCoreApplication.translate(
            "messages", "The computer is ready: {free_gb} GB free for recordings, power and clock fine."
        ),
        # cameras (core/probes/devices.py): count, names
        "preflight.video.none": QCoreApplication.translate(
            "messages",
            "No camera was found on this computer. That is fine for a phone rig (check its picture by hand); for a "
            "webcam, plug it in and test again.",
        ),
        "preflight.video.found": QCoreApplication.translate("messages", "Cameras found ({count}): {names}."),
        # test checkout (recorded on the pre-flight page): order_no
        "preflight.test_checkout.paid": QCoreApplication.translate(
            "messages", "Test order {order_no} was paid: the checkout works end to end."
        ),
        "preflight.test_checkout.not_paid": QCoreApplication.translate(
            "messages",
            "Test order {order_no} is not paid yet. Finish the payment on the phone; if it fails, check the "
            "product's stock, price and payment settings in the shop before going live.",
        ),
        "preflight.test_checkout.no_order": QCoreApplication.translate(
            "messages",
            "No test order yet. Scan the QR code with a spare phone, order the test product and pay, then type the "
            "order number here.",
        ),
    }


# --- QR codes (core/qr.py, core/qr_render.py, commands/qr.py) -------------------------------------------------
def _qr_texts() -> dict[str, str]:
    return {
        "qr.empty": QCoreApplication.translate("messages", "There is no text or link to put in the QR code."),
        "qr.too_long": QCoreApplication.translate(
            "messages",
            "The link is too long for a QR code: {length} bytes, and error correction {ecc} holds at most {limit}. "
            "Use a shorter link (a short-link service) or a lower error correction level.",
        ),
        "qr.bad_colour": QCoreApplication.translate(
            "messages", "“{colour}” is not a colour. Write it as #RRGGBB, for example #000000 for black."
        ),
        "qr.light_on_dark": QCoreApplication.translate(
            "messages",
            "The code would be light ({foreground}) on a dark background ({background}); many phones cannot scan "
            "that. Use a dark colour for the code and a light one for the background; nothing was saved.",
        ),
        "qr.low_contrast": QCoreApplication.translate(
            "messages",
            "{foreground} on {background} has a contrast of only {ratio}:1, and a scanner needs at least "
            "{minimum}:1. Choose a darker code colour or a lighter background; nothing was saved.",
        ),
        "qr.logo_unreadable": QCoreApplication.translate(
            "messages", "The logo is not an image StreamDesk can read. Choose a PNG or JPEG file; nothing was saved."
        ),
        "qr.logo_file": QCoreApplication.translate(
            "messages", "The logo {path} cannot be read ({reason}); nothing was saved."
        ),
        "qr.bad_size": QCoreApplication.translate(
            "messages", "The printed size must be more than 0 mm (it was {size_mm}); nothing was saved."
        ),
        "qr.bad_dpi": QCoreApplication.translate(
            "messages", "The resolution must be between {minimum} and {maximum} dpi (it was {dpi}); nothing was saved."
        ),
        "qr.bad_ecc": QCoreApplication.translate(
            "messages", "“{ecc}” is not an error correction level. Use L, M, Q or H."
        ),
        "qr.too_few_pixels": QCoreApplication.translate(
            "messages",
            "At {dpi} dpi a {size_mm} mm code has less than two pixels per module and would not scan. "
            "Use at least {min_dpi} dpi or a larger size; nothing was saved.",
        ),
        "qr.bad_format": QCoreApplication.translate(
            "messages", "{path}: a QR code can be saved as .png or .svg only; nothing was saved."
        ),
        "qr.decoder_missing": QCoreApplication.translate(
            "messages",
            "The QR code cannot be checked because the decoder (zxing-cpp) is not installed. Install it with "
            "“pip install zxing-cpp” to have every code read back before it is saved.",
        ),
        "qr.verify_failed": QCoreApplication.translate(
            "messages",
            "The QR code did not read back as the link when it was checked, so it was not saved. Try a higher "
            "contrast, a smaller logo, a larger size or a shorter link.",
        ),
        "qr.write_failed": QCoreApplication.translate(
            "messages", "The QR code could not be saved to {path} ({reason}); nothing was written."
        ),
        "qr.print_too_small": QCoreApplication.translate(
            "messages",
            "Printed {size_mm} mm wide, each module of this code is only {module_mm} mm (phones need at least "
            "{minimum} mm). Print it at least {min_size_mm} mm wide or use a shorter link.",
        ),
        "qr.unverified": QCoreApplication.translate(
            "messages",
            "The QR code was saved without being checked: the decoder (zxing-cpp) is not installed. Scan it with a "
            "phone before you print it.",
        ),
    }


def _report_texts() -> dict[str, str]:
    return {
        "report.bad_format": QCoreApplication.translate(
            "messages",
            "A review report is written as .pdf or .html, not as “{path}”. Choose a file name ending in .pdf or .html.",
        ),
        "report.write_failed": QCoreApplication.translate(
            "messages",
            "The report could not be written to {path}: {reason}. Choose another folder; nothing was written.",
        ),
        "report.no_folder": QCoreApplication.translate(
            "messages", "The folder {folder} does not exist. Choose a folder that does; nothing was written."
        ),
        "report.compare_to_itself": QCoreApplication.translate(
            "messages",
            "Show {show} cannot be compared with itself. Choose an earlier show, or leave out --compare-to.",
        ),
    }


def _metrics_texts() -> dict[str, str]:
    return {
        "metrics.reading": QCoreApplication.translate("messages", "Reading the metrics file…"),
        "metrics.writing": QCoreApplication.translate("messages", "Saving the metrics…"),
        "metrics.empty": QCoreApplication.translate(
            "messages",
            "{path} holds no metrics: choose the platform's live-data export with a header row and at least one "
            "data row; nothing was saved.",
        ),
        "metrics.replacement_chars": QCoreApplication.translate(
            "messages",
            "{path} contains {count} damaged character(s) (shown as �): some text was lost before the file reached "
            "StreamDesk. Choose another encoding, or export the data again; nothing was saved.",
        ),
        "metrics.unknown_layout": QCoreApplication.translate(
            "messages",
            "StreamDesk does not recognise this metrics file (columns: {columns}). Use the column mapping to say "
            "which column holds the time and which hold the figures; nothing was saved.",
        ),
        "metrics.time_column_missing": QCoreApplication.translate(
            "messages",
            "This looks like a minute trend, but no column holds the time (columns: {columns}). Export the trend "
            "with its time column, or use the column mapping; nothing was saved.",
        ),
        "metrics.unknown_preset": QCoreApplication.translate(
            "messages", "“{preset}” is not a metrics format StreamDesk knows. Use auto or one of: {presets}."
        ),
        "metrics.platform_mismatch": QCoreApplication.translate(
            "messages",
            "The format {preset} belongs to another platform than {platform}. Choose the platform's own format, or "
            "auto; nothing was saved.",
        ),
        "metrics.preset_does_not_fit": QCoreApplication.translate(
            "messages",
            "None of the columns of this file fit the format {preset} (columns: {columns}). Choose another format "
            "or use the column mapping; nothing was saved.",
        ),
        "metrics.mapping_unknown_field": QCoreApplication.translate(
            "messages", "“{field}” is not a metric StreamDesk stores. Use one of: {fields}."
        ),
        "metrics.mapping_unknown_column": QCoreApplication.translate(
            "messages", "The file has no column called “{column}”. Check the column mapping; nothing was saved."
        ),
        "metrics.mapping_wrong_kind": QCoreApplication.translate(
            "messages",
            "A file without a time column holds show totals, and {fields} can only come from a minute trend. Map "
            "the time column, or map the figures to show totals; nothing was saved.",
        ),
        "metrics.mapping_empty": QCoreApplication.translate(
            "messages", "The column mapping names no figure to import. Map at least one column; nothing was saved."
        ),
        "metrics.currency_mismatch": QCoreApplication.translate(
            "messages",
            "The file's amounts are in {file_currency}, but the show is in {show_currency}. Import it into a show "
            "in {file_currency}, or change the show's currency; nothing was saved.",
        ),
        "metrics.no_valid_rows": QCoreApplication.translate(
            "messages",
            "None of the {rows} row(s) of {file} could be used. The first one that failed is row {row} (column "
            "“{column}”: “{value}”). Check that the file is the platform's export and that the format is right; "
            "nothing was saved.",
        ),
        "metrics.summary_ambiguous": QCoreApplication.translate(
            "messages",
            "The file lists {rows} shows but has no start time to tell which one this is. Export only this show's "
            "row; nothing was saved.",
        ),
        "metrics.summary_no_show_date": QCoreApplication.translate(
            "messages",
            "The file lists {rows} shows, and this show has no start date to pick the right one by. Give the show "
            "its planned start first; nothing was saved.",
        ),
        "metrics.another_day": QCoreApplication.translate(
            "messages",
            "The file's figures run from {first} to {last}, nowhere near the start of “{show}” ({start}): it is "
            "probably another show's export. Pick the show it belongs to, or check its planned start; nothing was "
            "saved.",
        ),
        "metrics.time_without_date": QCoreApplication.translate(
            "messages",
            "The file gives times without a date, and the show “{show}” has no start date to take the day from. "
            "Give the show its planned start first; nothing was saved.",
        ),
        "metrics.show_missing": QCoreApplication.translate(
            "messages",
            "There is no show {show_id} to import metrics into. Choose a show that exists; nothing was saved.",
        ),
        "metrics.unknown_platform": QCoreApplication.translate(
            "messages", "“{platform}” is not a platform StreamDesk knows. Use one of: {platforms}."
        ),
        "metrics.bad_map": QCoreApplication.translate(
            "messages", "“{value}” is not a column mapping. Write it as NAME=HEADER, for example time=Minute."
        ),
        "metrics.import_not_found": QCoreApplication.translate(
            "messages", "The metrics import {import_id} no longer exists; it may have been undone already."
        ),
        "metrics.total_row": QCoreApplication.translate(
            "messages", "a total line (“{value}”), left out: the review adds the rows up itself."
        ),
        "metrics.time_missing": QCoreApplication.translate(
            "messages", "no time in column “{column}”, so the row cannot be placed; it was left out."
        ),
        "metrics.bad_time": QCoreApplication.translate(
            "messages", "“{value}” in column “{column}” is not a date and time; the row was left out."
        ),
        "metrics.bad_number": QCoreApplication.translate(
            "messages", "“{value}” in column “{column}” is not a number; the row was left out."
        ),
        "metrics.value_left_out": QCoreApplication.translate(
            "messages", "“{value}” in column “{column}” is not a number; that figure was left blank."
        ),
        "metrics.other_live": QCoreApplication.translate(
            "messages",
            "another LIVE (started {value}), left out: row {chosen} started nearest this show's start and was used.",
        ),
    }


# --- review (core/review.py: totals, notes, cost inputs, action items) -------------------------------------------
def _review_texts() -> dict[str, str]:
    return {
        "review.show_not_found": QCoreApplication.translate(
            "messages", "Show {show_id} no longer exists. Pick another show to review."
        ),
        "review.total_unknown": QCoreApplication.translate(
            "messages", "“{field}” is not one of the show totals StreamDesk keeps; nothing was saved."
        ),
        "review.total_negative": QCoreApplication.translate(
            "messages", "A show total cannot be negative ({field}: {value}). Correct it; nothing was saved."
        ),
        "review.fee_out_of_range": QCoreApplication.translate(
            "messages",
            "The platform fee must be between 0 % and 100 % of net GMV, not {basis_points} basis points. "
            "Correct it; nothing was saved.",
        ),
        "review.shipping_negative": QCoreApplication.translate(
            "messages", "The shipping cost per parcel cannot be negative ({value}). Correct it; nothing was saved."
        ),
        "review.giveaways_negative": QCoreApplication.translate(
            "messages", "The giveaways cost cannot be negative ({value}). Correct it; nothing was saved."
        ),
        "review.action_empty": QCoreApplication.translate(
            "messages", "Write what to do next time; an empty action item was not saved."
        ),
        "review.action_not_found": QCoreApplication.translate(
            "messages", "Action item {action_id} no longer exists. Reopen the review to see the current list."
        ),
    }


def _all_texts() -> dict[str, str]:
    texts: dict[str, str] = {}
    for section in (
        _database_texts,
        _catalogue_texts,
        _catalogue_io_texts,
        _maintenance_texts,
        _timer_texts,
        _shows_texts,
        _runs_texts,
        _flash_sale_texts,
        _rundown_io_texts,
        _shipping_io_texts,
        _orders_texts,
        _orders_io_texts,
        _after_sales_texts,
        _case_workflow_texts,
        _qr_texts,
        _warmup_texts,
        _poster_texts,
        _preflight_texts,
        _preflight_probe_texts,
        _metrics_texts,
        _review_texts,
        _report_texts,
        storage_texts,
        hostile_texts,
        team_texts,
        copy_texts,
        compliance_texts,
        advice_texts,
    ):
        texts.update(section())
    return texts


class _Default(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(code: str, fields: Mapping[str, Any] | None = None) -> str:
    """The sentence for ``code`` with its placeholders filled; an unknown code still says something useful."""
    template = _all_texts().get(code)
    values = _Default(shown_fields(fields or {}))
    if template is None:
        log.warning("no message text for code %r", code)
        details = ", ".join(f"{key}={value}" for key, value in (fields or {}).items())
        return f"{code} ({details})" if details else code
    return template.format_map(values)


def describe(error: UserError) -> str:
    return render(error.code, error.fields)


def describe_problem(problem: Problem) -> str:
    """'Row 12: …' — row numbers as the user sees them in a spreadsheet."""
    return QCoreApplication.translate("messages", "Row {row}: {message}").format(
        row=problem.row, message=render(problem.code, problem.fields)
    )


def describe_order_problem(order_no: str, code: str, fields: Mapping[str, Any] | None = None) -> str:
    """'Order 6917…: left out: …' — one line of a shipping export's log."""
    return QCoreApplication.translate("messages", "Order {order_no}: {message}").format(
        order_no=order_no, message=render(code, fields)
    )


def describe_rule_warning(warning: RuleWarning) -> str:
    """A warm-up rule warning ("warmup.rule.<code>") as a sentence; a link without a name of its own is called by
    its channel kind ("Moments", "朋友圈")."""
    from streamdesk.labels import channel_name
    from streamdesk.models.base import ChannelKind

    fields: dict[str, Any] = dict(warning.fields)
    kind = fields.get("channel_kind")
    if kind in {k.value for k in ChannelKind}:
        fields["channel"] = channel_name(ChannelKind(str(kind)), str(fields.get("channel", "")))
    return render(f"warmup.rule.{warning.code}", fields)
