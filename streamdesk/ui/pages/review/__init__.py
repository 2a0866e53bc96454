"""The Review page (复盘): a show's KPIs against its targets and the previous show, the timeline with its rundown, per-segment
and per-product results, trends across shows, notes and action items, metrics import and the report."""
