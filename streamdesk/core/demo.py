"""The demo shop: a realistic database built from resources/demo/shop.toml through the Catalogue service.

The same seed always gives the same shop (stock, barcodes, stock history). Pictures are drawn locally with Pillow.
The database is built in a hidden file beside the target and renamed into place at the end, so a cancelled or
failed run leaves nothing behind.
"""

from __future__ import annotations

import logging
import random
import shutil
import tempfile
import tomllib
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from streamdesk.config import AppPaths, media_dir
from streamdesk.core.catalogue import Catalogue
from streamdesk.core.catalogue_types import ProductInput, ScoreWeights, ShowRole, StockReason, VariantInput
from streamdesk.core.demo_images import draw_product_card
from streamdesk.core.demo_orders import add_demo_orders
from streamdesk.core.demo_preflight import add_demo_preflight
from streamdesk.core.demo_review import add_demo_reviews
from streamdesk.core.demo_runs import add_demo_runs
from streamdesk.core.demo_shows import add_demo_shows, never_sold
from streamdesk.core.demo_warmup import add_demo_warmup
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.money import parse_amount
from streamdesk.core.shows import Shows
from streamdesk.db import SessionFactory, open_database
from streamdesk.resource_paths import resource_path

log = logging.getLogger(__name__)

HISTORY_DAYS = 70  # the shop "opened" this long ago, before its first show: products are created then, restocks since


@dataclass(frozen=True, slots=True)
class DemoSummary:
    database: Path
    images_dir: Path
    products: int  # bundles included
    skus: int
    bundles: int
    suppliers: int
    images: int
    archived: int
    seed: int
    shows: int = 0  # past and upcoming shows with rundowns, templates included
    orders: int = 0  # orders of the shows that were streamed (imported and captured live)
    customers: int = 0
    cases: int = 0  # after-sales cases


@dataclass(frozen=True, slots=True)
class _Category:
    name: str
    glyph: str
    initials: str
    colour: str
    low_stock: int


class _ShopClock:
    """The Catalogue's clock during the build: moved forward by hand so the history spreads over the past weeks,
    never past the real time the build started."""

    def __init__(self, end: datetime) -> None:
        self.end = end
        self.now = end - timedelta(days=HISTORY_DAYS)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: int) -> None:
        self.now = min(self.now + timedelta(**delta), self.end)


def seed_file() -> Path:
    return resource_path("demo", "shop.toml")


def load_seed(path: Path | None = None) -> dict[str, Any]:
    with (path or seed_file()).open("rb") as stream:
        return tomllib.load(stream)


def write_demo(
    db_path: Path,
    *,
    seed: int = 7,
    cancel: CancelToken | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Generator[Progress, None, DemoSummary]:
    """Create a demo shop database at ``db_path`` (a new file; an existing non-empty one is refused with
    UserError("demo.exists")) and its pictures in the images folder beside it. Commits product by product into a
    hidden file, renamed to ``db_path`` only when everything is written."""
    target = Path(db_path).expanduser().resolve()
    if target.exists() and (not target.is_file() or target.stat().st_size > 0):
        raise UserError("demo.exists", path=str(target))
    cancel = cancel or CancelToken()
    data = load_seed()
    images_dir = media_dir(target, AppPaths.default())  # a file path: the app's folders are not consulted
    made_images_dir = not images_dir.exists()
    part = target.with_name(f".{target.name}.part")
    _remove_database_files(part)
    database = open_database(part, backups_dir=target.parent / "backups")
    try:
        shop_clock = _ShopClock((clock or _utc_now)())
        catalogue = Catalogue(
            database.sessions,
            images_dir=images_dir,
            thumbnails_dir=images_dir / ".thumbnails",
            weights=ScoreWeights(),
            clock=shop_clock,
        )
        shows = Shows(database.sessions, clock=shop_clock)
        summary = yield from _build(catalogue, shows, database.sessions, data, random.Random(seed), shop_clock, cancel)
    except BaseException:
        database.dispose()
        _remove_database_files(part)
        if made_images_dir:
            shutil.rmtree(images_dir, ignore_errors=True)
        raise
    database.dispose()  # closes the last connection: SQLite folds the WAL back into the file
    part.replace(target)
    log.info("demo shop written to %s (seed %d)", target, seed)
    return replace(summary, database=target, images_dir=images_dir, seed=seed)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _remove_database_files(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        candidate.unlink(missing_ok=True)


def _build(
    catalogue: Catalogue,
    shows: Shows,
    sessions: SessionFactory,
    data: dict[str, Any],
    rng: random.Random,
    clock: _ShopClock,
    cancel: CancelToken,
) -> Generator[Progress, None, DemoSummary]:
    categories = {c["name"]: _Category(**c) for c in data["categories"]}
    suppliers = {s["key"]: s for s in data["suppliers"]}
    currency = str(data["currency"])
    templates: list[dict[str, Any]] = data["products"]
    bundles: list[dict[str, Any]] = data["bundles"]
    total = len(templates) + len(bundles) + 2
    done = 0

    yield Progress(done, total, "demo.images")
    ordinals: dict[str, int] = {}
    numbered = []
    for template in (*templates, *bundles):
        category = categories[template["category"]]
        ordinals[category.name] = ordinals.get(category.name, 0) + 1
        numbered.append((template, category, f"{category.initials}{ordinals[category.name]:03d}"))
    with tempfile.TemporaryDirectory(prefix="streamdesk-demo-") as scratch:
        pictures: dict[str, str] = {}
        for n, (template, category, code) in enumerate(numbered):
            cancel.raise_if_set()
            drawn = draw_product_card(
                Path(scratch) / f"{template['key']}.png",
                title=template["alt_title"] if category.name != "收藏品" else template["title"],
                glyph=category.glyph,
                colour=category.colour,
                code=code,
                pattern=n,
            )
            pictures[template["key"]] = catalogue.import_image(drawn)
    done += 1

    product_ids: dict[str, int] = {}
    archived: list[int] = []
    skus = 0
    for template, category, code in numbered[: len(templates)]:
        cancel.raise_if_set()
        clock.advance(minutes=rng.randint(5, 90))
        product = _product_input(template, category, code, suppliers, currency, pictures, rng, data["codes"])
        product_ids[template["key"]] = catalogue.create_product(product)
        skus += len(product.variants)
        if template.get("archived"):
            archived.append(product_ids[template["key"]])
        done += 1
        yield Progress(done, total, "demo.products")

    for template, category, code in numbered[len(templates) :]:
        cancel.raise_if_set()
        product_ids[template["key"]] = catalogue.create_product(
            _bundle_input(catalogue, template, category, code, product_ids, currency, pictures)
        )
        skus += 1
        done += 1
        yield Progress(done, total, "demo.products")

    cancel.raise_if_set()
    if archived:
        catalogue.set_archived(archived, True)
    _stock_history(catalogue, product_ids, [t["key"] for t in templates if not t.get("archived")], rng, clock)
    cancel.raise_if_set()
    show_count = add_demo_shows(
        shows, catalogue, product_ids, clock.end, lambda: clock.advance(minutes=rng.randint(5, 60))
    )
    aired = add_demo_runs(shows, sessions, rng)
    sold = add_demo_orders(shows, sessions, rng, clock.end, aired, never_sold(product_ids))
    add_demo_warmup(shows, sessions, catalogue.image_path, rng, clock.end)
    add_demo_preflight(shows, sessions, rng, clock.end)
    add_demo_reviews(sessions, rng, clock.end)
    done += 1
    yield Progress(done, total, "demo.stock")
    return DemoSummary(
        database=Path(),
        images_dir=Path(),
        products=len(product_ids),
        skus=skus,
        bundles=len(bundles),
        suppliers=len(catalogue.supplier_names()),
        images=len(set(pictures.values())),
        archived=len(archived),
        seed=0,
        shows=show_count,
        orders=sold.orders,
        customers=sold.customers,
        cases=sold.cases,
    )


def _money(value: str, currency: str) -> int:
    amount = parse_amount(value, currency)
    if amount is None:
        raise ValueError(f"demo seed: {value!r} is not an amount")
    return amount


def _value_code(value: str, position: int, codes: dict[str, str]) -> str:
    """The letters a spec value contributes to a SKU code: a known colour's code, the value itself when it is
    plain ASCII ("XL", "1m", "6-7mm" → "67MM"), else its position ("01")."""
    if value in codes:
        return codes[value]
    plain = "".join(ch for ch in value if ch.isascii() and ch.isalnum()).upper()
    if plain and all(ch.isascii() for ch in value.replace(" ", "").replace("-", "")):
        return plain
    return f"{position + 1:02d}"


def _ean13(rng: random.Random, prefix: str) -> str:
    body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(12 - len(prefix)))
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _opening_stock(rng: random.Random, threshold: int) -> int:
    """Mostly healthy stock, some low and some sold out, so the low-stock filter has something to show."""
    roll = rng.random()
    if roll < 0.10:
        return 0
    if roll < 0.25:
        return rng.randint(1, max(1, threshold))
    return rng.randint(threshold + 1, threshold * 6 + 60)


def _variant_specs(
    template: dict[str, Any], codes: dict[str, str]
) -> Iterator[tuple[tuple[tuple[str, str], ...], str, dict[str, str]]]:
    """(spec pairs, SKU suffix, prices) for each variant of a template, in display order."""
    base = {key: template[key] for key in ("cost", "price", "live")}
    if "variants" in template:
        for n, variant in enumerate(template["variants"]):
            spec = tuple((str(k), str(v)) for k, v in variant["spec"].items())
            yield spec, _value_code(spec[0][1], n, codes), {key: variant.get(key, base[key]) for key in base}
        return
    names = list(template["specs"])
    combos: list[tuple[tuple[str, str, int], ...]] = [()]
    for name in names:
        combos = [(*c, (name, value, i)) for c in combos for i, value in enumerate(template["specs"][name])]
    upcharge: dict[str, str] = template.get("upcharge", {})
    for combo in combos:
        spec = tuple((name, value) for name, value, _ in combo)
        suffix = "-".join(_value_code(value, i, codes) for _, value, i in combo)
        yield spec, suffix, {**base, "upcharge": "+".join(upcharge[v] for _, v, _ in combo if v in upcharge)}


def _product_input(
    template: dict[str, Any],
    category: _Category,
    code: str,
    suppliers: dict[str, dict[str, Any]],
    currency: str,
    pictures: dict[str, str],
    rng: random.Random,
    codes: dict[str, str],
) -> ProductInput:
    supplier = suppliers[template["supplier"]]
    threshold = int(template.get("low_stock", category.low_stock))
    specs = list(_variant_specs(template, codes))
    barcode_prefix = "0" if category.name == "收藏品" else "69"
    variants = []
    for spec, suffix, prices in specs:
        extra = sum((_money(part, currency) for part in prices.get("upcharge", "").split("+") if part), 0)
        cost = _money(prices["cost"], currency) + extra * 2 // 5  # a bigger size costs the shop more too
        variants.append(
            VariantInput(
                sku_code=code if len(specs) == 1 else f"{code}-{suffix}",
                spec=spec,
                barcode=_ean13(rng, barcode_prefix) if rng.random() > 0.05 else "",
                cost_minor=cost,
                list_price_minor=_money(prices["price"], currency) + extra,
                live_price_minor=_money(prices["live"], currency) + extra,
                low_stock_threshold=threshold,
                initial_stock=0 if template.get("archived") else _opening_stock(rng, threshold),
            )
        )
    return ProductInput(
        title=template["title"],
        variants=tuple(variants),
        currency=currency,
        alt_title=template.get("alt_title", ""),
        brand=template.get("brand", ""),
        category=category.name,
        tags=tuple(template.get("tags", ())),
        description=template.get("description", ""),
        selling_points=template.get("selling_points", ""),
        talking_points=template.get("talking_points", ""),
        faq=template.get("faq", ""),
        compliance_notes=template.get("compliance_notes", ""),
        supplier_name=supplier["name"],
        supplier_contact=supplier["contact"],
        ship_from_region=supplier["region"],
        ship_cycle_days=supplier["ship_cycle_days"],
        restock_lead_days=supplier["restock_lead_days"],
        role=ShowRole(template["role"]) if template.get("role") else None,
        images=(pictures[template["key"]],),
    )


def _bundle_input(
    catalogue: Catalogue,
    template: dict[str, Any],
    category: _Category,
    code: str,
    product_ids: dict[str, int],
    currency: str,
    pictures: dict[str, str],
) -> ProductInput:
    components: list[tuple[int, int]] = []
    cost = 0
    for part in template["components"]:
        detail = catalogue.get_product(product_ids[part["product"]])
        wanted = part.get("spec")
        variant = next(v for v in detail.variants if wanted is None or v.spec_label == wanted)
        components.append((variant.id, int(part["quantity"])))
        cost += (variant.cost_minor or 0) * int(part["quantity"])
    bundle = VariantInput(
        sku_code=f"TZ-{code}",
        cost_minor=cost,
        list_price_minor=_money(template["price"], currency),
        live_price_minor=_money(template["live"], currency),
        components=tuple(components),
    )
    return ProductInput(
        title=template["title"],
        variants=(bundle,),
        currency=currency,
        alt_title=template.get("alt_title", ""),
        brand=template.get("brand", ""),
        category=category.name,
        tags=tuple(template.get("tags", ())),
        selling_points=template.get("selling_points", ""),
        talking_points=template.get("talking_points", ""),
        compliance_notes=template.get("compliance_notes", ""),
        role=ShowRole(template["role"]) if template.get("role") else None,
        images=(pictures[template["key"]],),
    )


def _stock_history(
    catalogue: Catalogue, product_ids: dict[str, int], active_keys: list[str], rng: random.Random, clock: _ShopClock
) -> None:
    """Restocks, samples and breakages over the past weeks, so the stock ledger has a story to show."""
    variants = [
        (variant.id, variant.on_hand)
        for key in active_keys
        for variant in catalogue.get_product(product_ids[key]).variants
    ]
    chosen = rng.sample(variants, k=len(variants) // 4)
    for variant_id, on_hand in sorted(chosen):
        clock.advance(hours=rng.randint(2, 20))
        if on_hand > 5 and rng.random() < 0.4:
            note = rng.choice(("直播样品", "包装破损", "盘点差异"))
            catalogue.adjust_stock([(variant_id, -rng.randint(1, 3))], StockReason.ADJUSTMENT, note)
        else:
            note = rng.choice(("供应商补货", "工厂返单", "到货入库"))
            catalogue.adjust_stock([(variant_id, rng.randint(2, 12) * 10)], StockReason.RESTOCK, note)
