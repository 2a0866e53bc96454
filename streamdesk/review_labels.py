"""Names and one-line formulas of the review's KPIs, funnel steps, sample series, show totals and bases, in the
user's language (context "ReviewLabels"). The Review page, the CLI and the printed report say the same words.

QtCore only, like labels.py. The formulas say what core/review_kpis.py computes (FORMATS.md §4.6); keep them in
step with it. Unknown keys come back as they are, so a newer database never breaks a label.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def kpi_name(key: str) -> str:
    """A KPI's short name (a card's title, a table's column)."""
    names = {
        "gmv": QCoreApplication.translate("ReviewLabels", "GMV"),
        "net_gmv": QCoreApplication.translate("ReviewLabels", "Net GMV"),
        "orders": QCoreApplication.translate("ReviewLabels", "Orders"),
        "buyers": QCoreApplication.translate("ReviewLabels", "Buyers"),
        "aov": QCoreApplication.translate("ReviewLabels", "Average order value"),
        "gpm": QCoreApplication.translate("ReviewLabels", "GPM"),
        "uv_value": QCoreApplication.translate("ReviewLabels", "UV value"),
        "average_watch_seconds": QCoreApplication.translate("ReviewLabels", "Average watch time"),
        "peak_online": QCoreApplication.translate("ReviewLabels", "Peak online"),
        "average_online": QCoreApplication.translate("ReviewLabels", "Average online"),
        "interaction_rate": QCoreApplication.translate("ReviewLabels", "Interaction rate"),
        "new_followers": QCoreApplication.translate("ReviewLabels", "New followers"),
        "follower_conversion": QCoreApplication.translate("ReviewLabels", "Follower conversion"),
        "watch_to_buy": QCoreApplication.translate("ReviewLabels", "Viewer-to-buyer conversion"),
        "refund_rate": QCoreApplication.translate("ReviewLabels", "Refund rate"),
        "new_buyers": QCoreApplication.translate("ReviewLabels", "New buyers"),
        "returning_buyers": QCoreApplication.translate("ReviewLabels", "Returning buyers"),
        "gross_profit": QCoreApplication.translate("ReviewLabels", "Gross profit"),
        "roi": QCoreApplication.translate("ReviewLabels", "ROI"),
        "profit_after_budget": QCoreApplication.translate("ReviewLabels", "Profit after budget"),
    }
    return names.get(key, key)


def kpi_formula(key: str) -> str:
    """One line saying how the KPI is computed (the card's tooltip)."""
    formulas = {
        "gmv": QCoreApplication.translate(
            "ReviewLabels",
            "GMV = sum paid for the show's orders (not cancelled, not awaiting payment; later refunds included). "
            "Without orders in StreamDesk: the platforms' GMV.",
        ),
        "net_gmv": QCoreApplication.translate(
            "ReviewLabels",
            "Net GMV = GMV − refunds (each order's refunded amount, after-sales refunds included once, "
            "never more than it paid).",
        ),
        "orders": QCoreApplication.translate(
            "ReviewLabels",
            "Orders = the show's paid orders (not cancelled, not awaiting payment); without any, the platforms' count.",
        ),
        "buyers": QCoreApplication.translate(
            "ReviewLabels",
            "Buyers = different customers among those orders (an order without a customer counts as one).",
        ),
        "aov": QCoreApplication.translate(
            "ReviewLabels", "Average order value = GMV ÷ buyers (÷ orders when the buyers are not known)."
        ),
        "gpm": QCoreApplication.translate(
            "ReviewLabels",
            "GPM = GMV ÷ views × 1,000 (TikTok without views: ÷ product impressions × 1,000).",
        ),
        "uv_value": QCoreApplication.translate("ReviewLabels", "UV value = GMV ÷ viewers: what one viewer was worth."),
        "average_watch_seconds": QCoreApplication.translate(
            "ReviewLabels",
            "Average watch time = total watch time ÷ viewers: the platform's figure, else online viewers × "
            "sample length added up ÷ viewers (approx.).",
        ),
        "peak_online": QCoreApplication.translate(
            "ReviewLabels", "Peak online = most viewers watching at once (several platforms: their peaks added)."
        ),
        "average_online": QCoreApplication.translate(
            "ReviewLabels", "Average online = mean of the viewers watching at once (several platforms: added)."
        ),
        "interaction_rate": QCoreApplication.translate(
            "ReviewLabels",
            "Interaction rate = viewers who interacted ÷ viewers; without that figure "
            "(comments + likes + shares) ÷ views (approx.).",
        ),
        "new_followers": QCoreApplication.translate(
            "ReviewLabels", "New followers = followers gained during the show (several platforms: added)."
        ),
        "follower_conversion": QCoreApplication.translate(
            "ReviewLabels", "Follower conversion = new followers ÷ viewers."
        ),
        "watch_to_buy": QCoreApplication.translate("ReviewLabels", "Viewer-to-buyer conversion = buyers ÷ viewers."),
        "refund_rate": QCoreApplication.translate("ReviewLabels", "Refund rate = refunds ÷ GMV (by amount)."),
        "new_buyers": QCoreApplication.translate(
            "ReviewLabels",
            "New buyers = customers of the show who had never ordered before (elsewhere than this show).",
        ),
        "returning_buyers": QCoreApplication.translate(
            "ReviewLabels", "Returning buyers = customers of the show who had ordered before, outside this show."
        ),
        "gross_profit": QCoreApplication.translate(
            "ReviewLabels",
            "Gross profit = net GMV − cost of the goods kept − platform fee (% of net GMV) − shipping per parcel × "
            "parcels − giveaways. A product without a cost leaves it blank.",
        ),
        "roi": QCoreApplication.translate(
            "ReviewLabels",
            "ROI = net GMV ÷ show budget (its budget lines added): how many times the budget came back as sales.",
        ),
        "profit_after_budget": QCoreApplication.translate(
            "ReviewLabels", "Profit after budget = gross profit − show budget."
        ),
    }
    return formulas.get(key, key)


def basis_name(basis: str) -> str:
    """A basis as a short noun (a table cell, or after "per" in a label)."""
    names = {
        "orders": QCoreApplication.translate("ReviewLabels", "orders"),
        "platform": QCoreApplication.translate("ReviewLabels", "platform figures"),
        "buyers": QCoreApplication.translate("ReviewLabels", "buyers"),
        "views": QCoreApplication.translate("ReviewLabels", "views"),
        "impressions": QCoreApplication.translate("ReviewLabels", "product impressions"),
        "viewers": QCoreApplication.translate("ReviewLabels", "viewers"),
        "entries": QCoreApplication.translate("ReviewLabels", "entries"),
        "interacting_viewers": QCoreApplication.translate("ReviewLabels", "interacting viewers"),
        "counts": QCoreApplication.translate("ReviewLabels", "comments, likes and shares"),
        "amount": QCoreApplication.translate("ReviewLabels", "amount"),
        "samples": QCoreApplication.translate("ReviewLabels", "minute data"),
        "totals": QCoreApplication.translate("ReviewLabels", "show totals"),
        "budget": QCoreApplication.translate("ReviewLabels", "show budget"),
    }
    return names.get(basis, basis)


def basis_text(basis: str) -> str:
    """A sentence saying what a figure was counted from (a tooltip's last line); empty for no basis."""
    texts = {
        "orders": QCoreApplication.translate("ReviewLabels", "Counted from the show's orders in StreamDesk."),
        "platform": QCoreApplication.translate(
            "ReviewLabels", "Counted from the platforms' figures: StreamDesk has no orders of this show."
        ),
        "buyers": QCoreApplication.translate("ReviewLabels", "Per buyer."),
        "views": QCoreApplication.translate("ReviewLabels", "Per 1,000 views."),
        "impressions": QCoreApplication.translate("ReviewLabels", "Per 1,000 product impressions (TikTok)."),
        "viewers": QCoreApplication.translate("ReviewLabels", "Per viewer (unique viewers as the platform counted)."),
        "entries": QCoreApplication.translate(
            "ReviewLabels",
            "Approximate: viewers are the entries of every minute added up, so someone who came back counts again.",
        ),
        "interacting_viewers": QCoreApplication.translate(
            "ReviewLabels", "From the viewers who interacted, as the platform counted them."
        ),
        "counts": QCoreApplication.translate(
            "ReviewLabels",
            "Approximate: comments, likes and shares are counted, not the people who made them.",
        ),
        "amount": QCoreApplication.translate("ReviewLabels", "By amount, not by number of orders."),
        "samples": QCoreApplication.translate("ReviewLabels", "Approximate: worked out from the minute data."),
        "totals": QCoreApplication.translate("ReviewLabels", "From the show totals the platform reported."),
        "budget": QCoreApplication.translate("ReviewLabels", "Against the show's budget lines."),
    }
    return texts.get(basis, "")


def approx_text() -> str:
    return QCoreApplication.translate("ReviewLabels", "approx.")


def funnel_step_name(key: str) -> str:
    names = {
        "room_exposures": QCoreApplication.translate("ReviewLabels", "Room exposures"),
        "viewers": QCoreApplication.translate("ReviewLabels", "Viewers"),
        "product_exposures": QCoreApplication.translate("ReviewLabels", "Product exposures"),
        "product_clicks": QCoreApplication.translate("ReviewLabels", "Product clicks"),
        "orders_created": QCoreApplication.translate("ReviewLabels", "Orders created"),
        "paid": QCoreApplication.translate("ReviewLabels", "Paid orders"),
    }
    return names.get(key, key)


def funnel_step_formula(key: str) -> str:
    """What the step's rate divides (each step ÷ the nearest earlier step that has data)."""
    formulas = {
        "room_exposures": QCoreApplication.translate(
            "ReviewLabels", "People who saw the live room in a feed (show totals)."
        ),
        "viewers": QCoreApplication.translate("ReviewLabels", "Entry rate = viewers ÷ room exposures."),
        "product_exposures": QCoreApplication.translate(
            "ReviewLabels", "Product exposure rate = product exposures ÷ viewers."
        ),
        "product_clicks": QCoreApplication.translate(
            "ReviewLabels", "Click-through rate = product clicks ÷ product exposures."
        ),
        "orders_created": QCoreApplication.translate("ReviewLabels", "Order rate = orders created ÷ product clicks."),
        "paid": QCoreApplication.translate(
            "ReviewLabels", "Payment rate = paid orders ÷ orders created (or ÷ the nearest earlier step with data)."
        ),
    }
    return formulas.get(key, key)


def series_name(name: str) -> str:
    """A sample series (review_types.SERIES) as a chart legend says it."""
    names = {
        "online": QCoreApplication.translate("ReviewLabels", "Online viewers"),
        "entries": QCoreApplication.translate("ReviewLabels", "Entries"),
        "exits": QCoreApplication.translate("ReviewLabels", "Exits"),
        "views": QCoreApplication.translate("ReviewLabels", "Views"),
        "gmv_minor": QCoreApplication.translate("ReviewLabels", "GMV"),
        "orders": QCoreApplication.translate("ReviewLabels", "Orders"),
        "buyers": QCoreApplication.translate("ReviewLabels", "Buyers"),
        "comments": QCoreApplication.translate("ReviewLabels", "Comments"),
        "likes": QCoreApplication.translate("ReviewLabels", "Likes"),
        "shares": QCoreApplication.translate("ReviewLabels", "Shares"),
        "new_followers": QCoreApplication.translate("ReviewLabels", "New followers"),
        "fan_club_joins": QCoreApplication.translate("ReviewLabels", "Fan club joins"),
        "product_exposures": QCoreApplication.translate("ReviewLabels", "Product exposures"),
        "product_clicks": QCoreApplication.translate("ReviewLabels", "Product clicks"),
        "ad_cost_minor": QCoreApplication.translate("ReviewLabels", "Ad spend"),
    }
    return names.get(name, name)


def series_formula(name: str) -> str:
    """What one point of a series means."""
    if name == "online":
        return QCoreApplication.translate("ReviewLabels", "Viewers watching at that moment, all platforms added.")
    return QCoreApplication.translate(
        "ReviewLabels", "Counted within each interval (usually a minute), all platforms added."
    )


def total_name(name: str) -> str:
    """A show total (review_types.TOTAL_FIELDS) as the totals form and the review say it."""
    names = {
        "duration_seconds": QCoreApplication.translate("ReviewLabels", "Duration"),
        "room_exposures": QCoreApplication.translate("ReviewLabels", "Room exposures"),
        "viewers": QCoreApplication.translate("ReviewLabels", "Viewers"),
        "views": QCoreApplication.translate("ReviewLabels", "Views"),
        "peak_online": QCoreApplication.translate("ReviewLabels", "Peak online"),
        "average_online": QCoreApplication.translate("ReviewLabels", "Average online"),
        "average_watch_seconds": QCoreApplication.translate("ReviewLabels", "Average watch time"),
        "new_followers": QCoreApplication.translate("ReviewLabels", "New followers"),
        "fan_club_joins": QCoreApplication.translate("ReviewLabels", "Fan club joins"),
        "interacting_viewers": QCoreApplication.translate("ReviewLabels", "Viewers who interacted"),
        "likes": QCoreApplication.translate("ReviewLabels", "Likes"),
        "comments": QCoreApplication.translate("ReviewLabels", "Comments"),
        "shares": QCoreApplication.translate("ReviewLabels", "Shares"),
        "product_exposures": QCoreApplication.translate("ReviewLabels", "Product exposures"),
        "product_clicks": QCoreApplication.translate("ReviewLabels", "Product clicks"),
        "orders_created": QCoreApplication.translate("ReviewLabels", "Orders created"),
        "platform_orders": QCoreApplication.translate("ReviewLabels", "Paid orders (platform)"),
        "platform_buyers": QCoreApplication.translate("ReviewLabels", "Buyers (platform)"),
        "platform_gmv_minor": QCoreApplication.translate("ReviewLabels", "GMV (platform)"),
    }
    return names.get(name, name)
