"""Names and explanations shown in several places of the catalogue page (table, filters, editor).

They keep the translation context "CatalogueModel", where they were first written.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from streamdesk.core.catalogue_types import ScoreParts, ScoreWeights, ShowRole


def role_name(role: ShowRole | None) -> str:
    """引流款 / 利润款 / 主推款 / 福利款 in Chinese."""
    if role is None:
        return ""
    names = {
        ShowRole.TRAFFIC: QCoreApplication.translate("CatalogueModel", "Traffic driver"),
        ShowRole.PROFIT: QCoreApplication.translate("CatalogueModel", "Profit maker"),
        ShowRole.HERO: QCoreApplication.translate("CatalogueModel", "Hero product"),
        ShowRole.GIVEAWAY: QCoreApplication.translate("CatalogueModel", "Giveaway"),
    }
    return names[role]


def score_explanation(parts: ScoreParts, weights: ScoreWeights) -> str:
    """The tooltip of a selection score: each part, its weight and what it measures, then the formula."""
    total_weight = weights.margin + weights.stock_cover + weights.past_sales + weights.tags

    def part(value: float, weight: float) -> dict[str, str]:
        return {"part": f"{value:.2f}", "weight": f"{weight:g}"}

    lines = (
        QCoreApplication.translate("CatalogueModel", "Selection score {score} of 100").format(
            score=f"{parts.total:.0f}"
        ),
        QCoreApplication.translate(
            "CatalogueModel", "Margin {part} × weight {weight}: margin % ÷ 60, at most 1"
        ).format(**part(parts.margin, weights.margin)),
        QCoreApplication.translate(
            "CatalogueModel",
            "Stock cover {part} × weight {weight}: stock ÷ (3 × low-stock alert, at least 10), at most 1",
        ).format(**part(parts.stock_cover, weights.stock_cover)),
        # advice_products._score: the product's results when pitched in streamed shows (FORMATS.md).
        QCoreApplication.translate(
            "CatalogueModel",
            "Past sales {part} × weight {weight}: from your streamed shows, 0.7 × GMV per minute of pitch ÷ the best"
            " product's + 0.3 × conversion when pitched ÷ the best; 0 until the product has been pitched",
        ).format(**part(parts.past_sales, weights.past_sales)),
        QCoreApplication.translate("CatalogueModel", "Tags {part} × weight {weight}: 1 when tagged {tags}").format(
            tags=" / ".join(weights.boost_tags), **part(parts.tags, weights.tags)
        ),
        QCoreApplication.translate(
            "CatalogueModel", "Score = 100 × (sum of part × weight) ÷ {total}, the sum of the weights"
        ).format(total=f"{total_weight:g}"),
    )
    return "\n".join(lines)
