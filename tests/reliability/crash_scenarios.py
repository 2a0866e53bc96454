"""Crash-safety scenarios, run as a script by test_crash_safety.py (one process per scenario)::

    python crash_scenarios.py orders|products|live|migration|close|restore WORKDIR --trials 50 --seed 1234

prints one JSON object: the seed, the measured duration, one entry per trial (kill delay, outcome, problems).
Each scenario builds its template database(s) in WORKDIR, then the harness (crash_support.py) kills a forked
child at random moments of the operation on a fresh copy per trial, and the scenario checks what is left.

- orders: OrdersIO.apply of a 抖店 export (new orders, and orders imported before whose status moved on, some
  closed: their stock goes back) planned once in the parent;
- products: ProductsIO.apply of a spreadsheet adding SKUs and changing prices and stock of existing ones;
- live: live capture during a running show (Orders.live_sale with the segment the timer says, the timer moving on
  between sales), each committed order number reported to the parent;
- migration: open_database on a copy of tests/fixtures/schema_v1…v5.sqlite3 or on a file not made yet
  (crash_migration.py);
- close, restore: the automatic snapshot on close and a restore (crash_backups.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import sys
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crash_support import (
    Channel,
    Report,
    TrialResult,
    connect,
    content_digest,
    digest_of,
    fresh_copy,
    integrity_problems,
    kill_delays,
    ledger_problems,
    measure,
    run_child,
)

from streamdesk.core.catalogue import Catalogue, ScoreWeights
from streamdesk.core.jobs import CancelToken, run_to_end
from streamdesk.core.order_types import OrderImportPlan
from streamdesk.core.orders import Orders
from streamdesk.core.orders_io import OrdersIO
from streamdesk.core.products_io import ImportPlan, ProductsIO
from streamdesk.db import Database, open_database
from streamdesk.migrations import SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # imports stamp rows with this: the "present" state is reproducible
ORDER_COUNT = 400
EARLIER_ORDERS = 150  # imported before, still 备货中; the crash import moves them on
SKUS = 120
PRODUCT_ROWS = 600
DOUYIN_HEADER = (
    "主订单编号", "子订单编号", "选购商品", "商品规格", "商品数量", "商品ID", "商家编码", "商品单价", "订单应付金额", "支付方式", "手续费", "收件人", "收件人手机号",
    "省", "市", "区", "街道", "详细地址", "买家留言", "商家备注", "订单提交时间", "支付完成时间", "订单完成时间", "发货时间", "订单状态", "售后状态", "取消原因",
    "订单类型", "APP渠道", "流量来源", "达人昵称", "快递信息",
)  # fmt: skip
PRODUCT_HEADER = ["商品名称", "规格", "商家编码", "成本", "售价", "直播价", "库存", "分类", "品牌", "标签", "供应商"]


def fixed_clock() -> datetime:
    return NOW


def catalogue_for(database: Database, images: Path) -> Catalogue:
    return Catalogue(
        database.sessions,
        images_dir=images,
        thumbnails_dir=images / ".thumbs",
        weights=ScoreWeights(),
        clock=fixed_clock,
    )


def products_io(database: Database, work: Path) -> ProductsIO:
    return ProductsIO(
        database.sessions, catalogue=catalogue_for(database, work / "images"), currency="CNY", clock=fixed_clock
    )


def orders_io(database: Database, work: Path) -> OrdersIO:
    orders = Orders(database.sessions, clock=fixed_clock)
    catalogue = catalogue_for(database, work / "images")
    return OrdersIO(database.sessions, catalogue=catalogue, orders=orders, clock=fixed_clock, zones={})


# --- files ------------------------------------------------------------------------------------------------------
def write_products(path: Path, rows: range, *, price_step: int = 0, stock_step: int = 0) -> Path:
    """SKUs ``DY-nnnn`` (4 per product), stock 400 + stock_step × n, prices moved by ``price_step`` fen."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(PRODUCT_HEADER)
        for n in rows:
            price = 1990 + n * 10 + price_step
            writer.writerow(
                [f"连衣裙 {n // 4:04d}", f"颜色:{'黑白红蓝'[n % 4]}", f"DY-{n:04d}", f"{price / 200:.2f}",
                 f"{price / 100:.2f}", f"{price * 9 // 1000:.2f}", str(400 + stock_step * (n % 7)), "服装", "晴天",
                 "爆款", "杭州衣厂"]
            )  # fmt: skip
    return path


def write_orders(path: Path, count: int, *, early: bool, seed: int = 11) -> Path:
    """A 抖店 export (GBK): ``count`` orders of 1–3 lines over SKUS SKUs (a few unknown). ``early``: every order
    still 备货中 (the first export of the day); otherwise statuses moved on, some orders closed."""
    rng = random.Random(seed)
    start = datetime(2026, 3, 1, 20, 0, 0)
    with path.open("w", encoding="gbk", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(DOUYIN_HEADER)
        for order in range(1, count + 1):
            placed = start + timedelta(seconds=order * 2)
            paid = placed + timedelta(seconds=rng.randint(3, 60))
            status = "备货中" if early else rng.choice(("备货中", "已发货", "已发货", "已完成", "已关闭"))
            shipped = status in ("已发货", "已完成")
            lines = [(rng.randrange(SKUS + 3), rng.choice((1, 1, 2))) for _ in range(rng.choice((1, 1, 2, 3)))]
            total = sum(qty * (1990 + n * 10) for n, qty in lines)
            for part, (n, qty) in enumerate(lines, start=1):
                writer.writerow(
                    [f"\t69173500{order:011d}", f"\t69173500{order:011d}{part}", f"连衣裙 {n // 4:04d}",
                     f"颜色:{'黑白红蓝'[n % 4]}", str(qty), f"\t{360000 + n}", f"DY-{n:04d}",
                     f"{(1990 + n * 10) / 100:.2f}", f"{total / 100:,.2f}", "抖音支付", "0.00", "张**", "138****1234",
                     "浙江省", "杭州市", "西湖区", "文新街道", f"幸福路{order % 500}号", "-", "-",
                     placed.strftime("%Y-%m-%d %H:%M:%S"), paid.strftime("%Y-%m-%d %H:%M:%S"), "-",
                     (paid + timedelta(hours=20)).strftime("%Y-%m-%d %H:%M:%S") if shipped else "-", status, "-",
                     "-", "普通订单", "抖音", "直播", "晴天穿搭", f"中通快递 735{order:011d}" if shipped else "-"]
                )  # fmt: skip
    return path


def import_products(database: Database, work: Path, path: Path) -> ImportPlan:
    service = products_io(database, work)
    source = service.read_source(path)
    return run_to_end(service.plan(source, service.auto_mapping(source.headers), CancelToken()))


def plan_orders(database: Database, work: Path, path: Path) -> OrderImportPlan:
    return run_to_end(orders_io(database, work).plan(path))


# --- checks shared by the import scenarios ------------------------------------------------------------------------
def next_start_problems(db: Path) -> list[str]:
    """The app's next start opens the file as it is after the kill (a -wal beside it, perhaps a checkpoint cut
    short): it must not refuse it as damaged or somebody else's."""
    try:
        open_database(db, backups_dir=db.parent / "backups").dispose()
    except Exception as exc:
        return [f"the next start refused the file: {type(exc).__name__}: {exc}"]
    return []


def all_or_nothing(db: Path, before: str, after: str) -> TrialResult:
    """The import is wholly absent (the template's rows) or wholly present (the unkilled run's rows), and the next
    start opens the file."""
    result = TrialResult(index=0, delay=0.0, outcome="")
    result.problems += next_start_problems(db)
    with connect(db) as conn:
        result.problems += integrity_problems(conn)
        result.problems += ledger_problems(conn)
        digest = content_digest(conn)
    if digest == before:
        result.outcome = "absent"
    elif digest == after:
        result.outcome = "present"
    else:
        result.outcome = "partial"
        result.problems.append("the database holds neither the state before the import nor the state after it")
    return result


class ImportScenario:
    """An import planned once in the parent against the template; each child applies the plan to its copy."""

    def __init__(self, work: Path, kind: str) -> None:
        self.work, self.kind = work, kind
        self.template = work / f"{kind}-template.sqlite3"
        catalogue = write_products(work / "catalogue.csv", range(SKUS if kind == "orders" else PRODUCT_ROWS))
        database = open_database(self.template)
        try:
            run_to_end(products_io(database, work).apply(import_products(database, work, catalogue), CancelToken()))
            if kind == "orders":
                earlier = write_orders(work / "orders-early.csv", EARLIER_ORDERS, early=True)
                run_to_end(orders_io(database, work).apply(plan_orders(database, work, earlier)))
                self.order_plan = plan_orders(
                    database, work, write_orders(work / "orders.csv", ORDER_COUNT, early=False)
                )
            else:
                changed = write_products(
                    work / "products.csv", range(PRODUCT_ROWS // 2, PRODUCT_ROWS * 2), price_step=100, stock_step=3
                )
                self.product_plan = import_products(database, work, changed)
        finally:
            database.dispose()
        self.before = digest_of(self.template)
        self.after = ""

    def operation(self, db: Path, _channel: Channel) -> None:
        database = open_database(db)
        if self.kind == "orders":
            run_to_end(orders_io(database, self.work).apply(self.order_plan))
        else:
            run_to_end(products_io(database, self.work).apply(self.product_plan, CancelToken()))
        database.dispose()  # as the CLI quits: the last connection checkpoints the WAL into the growing file

    def check(self, db: Path, _report: Report) -> TrialResult:
        return all_or_nothing(db, self.before, self.after)


def run_import(work: Path, kind: str, trials: int, rng: random.Random) -> tuple[float, list[TrialResult]]:
    scenario = ImportScenario(work, kind)
    duration, reference = measure(scenario.operation, scenario.template, work)
    scenario.after = digest_of(reference)
    if scenario.after == scenario.before:
        raise RuntimeError("the import wrote nothing")
    return duration, trial_loop(scenario.operation, scenario.check, lambda _i: scenario.template, duration, trials, rng)


def trial_loop(
    operation: Callable[[Path, Channel], None],
    check: Callable[[Path, Report], TrialResult],
    template_for: Callable[[int], Path],
    duration: float,
    trials: int,
    rng: random.Random,
) -> list[TrialResult]:
    results = []
    for index, delay in enumerate(kill_delays(duration, trials, rng)):
        template = template_for(index)
        db = fresh_copy(template, template.parent / "trial.sqlite3")
        report = run_child(operation, db, delay)
        result = check(db, report)
        result.index, result.delay = index, round(delay, 4)
        if report.failed:
            result.problems.append("the operation failed by itself before the kill")
        elif not report.killed and not report.finished:
            result.problems.append(f"the child ended with status {report.status}")
        results.append(result)
    return results


def main(argv: list[str]) -> int:
    from crash_backups import run_backups
    from crash_live import run_live
    from crash_migration import run_migration

    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=("orders", "products", "live", "migration", "close", "restore"))
    parser.add_argument("workdir", type=Path)
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--seed", type=int, default=random.SystemRandom().randrange(1 << 30))
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    args.workdir.mkdir(parents=True, exist_ok=True)
    if args.scenario in ("orders", "products"):
        duration, results = run_import(args.workdir, args.scenario, args.trials, rng)
    elif args.scenario == "live":
        duration, results = run_live(args.workdir, args.trials, rng)
    elif args.scenario in ("close", "restore"):
        duration, results = run_backups(args.workdir, args.scenario, args.trials, rng)
    else:
        duration, results = run_migration(args.workdir, FIXTURES, args.trials, rng)
    used = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    report = {
        "scenario": args.scenario,
        "seed": args.seed,
        "schema_version": SCHEMA_VERSION,
        "duration": duration,
        "cpu_seconds": round(sum(u.ru_utime + u.ru_stime for u in used), 2),
        "trials": [asdict(result) for result in results],
    }
    sys.stdout.write(json.dumps(report, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
