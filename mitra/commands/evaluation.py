"""`mitra import outcomes`, `mitra evaluate`, `mitra weights learn`: the analyst's loop."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from matcher.errors import MitraError, SheetError
from mitra.app import app, console, import_app
from mitra.commands.common import DbOption, fail, open_db, print_row_errors
from mitra.commands.weights import actor, load_ref, profiles_session, weights_app, weights_table

KOption = Annotated[int, typer.Option("--k", min=1, max=100, help="Cut-off for NDCG@k.")]
HitOption = Annotated[int, typer.Option("--hit-k", min=1, max=100, help="Cut-off for hit rate.")]
PoolOption = Annotated[
    str,
    typer.Option(
        "--pool", help="judged: rank the suppliers with outcomes; all: every eligible supplier."
    ),
]


@import_app.command("outcomes")
def import_outcomes_command(
    file: Annotated[Path, typer.Argument(help="Outcomes sheet, .csv or .xlsx.")],
    db: DbOption = None,
) -> None:
    """Record what happened after an event (met, MoU, PO ...). All or nothing."""
    from service.outcomes import import_outcomes

    if not file.exists():
        fail(f"file not found: {file}")
    engine = open_db(db)
    try:
        report = import_outcomes(engine, file, actor=actor())
    except SheetError as exc:
        print_row_errors(exc.errors)
        fail(f"{exc} — fix the rows above and import the file again.")
    except MitraError as exc:
        fail(str(exc))
    console.print(f"[green]Recorded {report.recorded} outcomes[/] from {report.source}.")


def _cases(db: str | None) -> list[Any]:
    from service.evaluation import cases_from_database

    engine = open_db(db)
    try:
        return cases_from_database(engine)
    except MitraError as exc:
        fail(str(exc))


def _check_pool(pool: str) -> Any:
    if pool not in ("judged", "all"):
        fail("--pool must be 'judged' or 'all'")
    return pool


def _number(value: float, percent: bool = False) -> str:
    if math.isnan(value):
        return "-"
    return f"{value:.0%}" if percent else f"{value:.3f}"


@app.command("evaluate")
def evaluate_command(
    profile: Annotated[
        str | None, typer.Option("--profile", help="NAME[:VERSION]; default: the active one.")
    ] = None,
    against: Annotated[
        str | None, typer.Option("--against", help="Compare with this NAME[:VERSION].")
    ] = None,
    db: DbOption = None,
    k: KOption = 10,
    hit_k: HitOption = 5,
    pool: PoolOption = "judged",
    report: Annotated[
        Path | None, typer.Option("--report", help="Write an HTML report to DIR/index.html.")
    ] = None,
) -> None:
    """Replay past requirements with a profile and score it against recorded outcomes."""
    from matcher.evaluate import compare
    from service.shortlists import active_profile

    chosen_pool = _check_pool(pool)
    cases = _cases(db)
    with profiles_session(db) as session:
        first = load_ref(session, profile) if profile else active_profile(session)
        second = load_ref(session, against) if against else first
    comparison = compare(cases, first, second, k=k, hit_k=hit_k, pool=chosen_pool)
    console.print(_comparison_table(comparison, with_other=against is not None))
    skipped = comparison.a.skipped
    console.print(
        f"{len(comparison.a.per_requirement)} requirements scored"
        + (f"; {len(skipped)} without any MoU, PO or interest left out" if skipped else "")
        + ". Grades: PO 3, MoU 2, interest/sample 1; a hit is an MoU or PO."
    )
    if report is not None:
        from service.report import write_report

        try:
            path = write_report(
                report,
                cases,
                first,
                second if against else None,
                k=k,
                hit_k=hit_k,
                pool=chosen_pool,
            )
        except OSError as exc:
            fail(f"cannot write the report to {report}: {exc.strerror}")
        console.print(f"[green]Report written:[/] {path}")


def _comparison_table(comparison: Any, *, with_other: bool) -> Table:
    a, b = comparison.a.profile, comparison.b.profile
    table = Table(title="Replay on past requirements", title_justify="left")
    table.add_column("Metric")
    table.add_column(f"{a.name} v{a.version}", justify="right")
    if with_other:
        table.add_column(f"{b.name} v{b.version}", justify="right")
        table.add_column("Difference (95% CI)", justify="right")
    for row in comparison.metrics:
        percent = row.metric.startswith(("catalogue", "exposure", "hit"))
        cells = [row.metric, _number(row.a, percent)]
        if with_other:
            interval = f" [{row.low:+.3f}, {row.high:+.3f}]" if not math.isnan(row.low) else ""
            style = "green" if row.clear and row.difference > 0 else "red" if row.clear else ""
            text = f"{row.difference:+.3f}{interval}"
            cells += [_number(row.b, percent), f"[{style}]{text}[/]" if style else text]
        table.add_row(*cells)
    return table


@weights_app.command("learn")
def learn_command(
    db: DbOption = None,
    method: Annotated[str, typer.Option("--method", help="pairwise or pointwise.")] = "pairwise",
    regularisation: Annotated[
        float, typer.Option("--C", min=1e-6, help="Inverse regularisation (pairwise).")
    ] = 1.0,
    against: Annotated[
        str | None, typer.Option("--against", help="Baseline NAME[:VERSION]; default: active.")
    ] = None,
    folds: Annotated[int, typer.Option("--folds", min=2, max=50)] = 5,
    k: KOption = 10,
    pool: PoolOption = "judged",
    save: Annotated[
        str | None, typer.Option("--save", help="Save the learned weights as a new version.")
    ] = None,
) -> None:
    """Learn non-negative weights from outcomes; report the cross-validated gain.

    Nothing is saved unless you pass --save NAME.
    """
    from matcher.learn import WeightLearner, cross_validate, training_set
    from service.profiles import save_profile
    from service.shortlists import active_profile

    if method not in ("pairwise", "pointwise"):
        fail("--method must be 'pairwise' or 'pointwise'")
    chosen_pool = _check_pool(pool)
    cases = _cases(db)
    learner = WeightLearner(method=method, C=regularisation)  # type: ignore[arg-type]
    with profiles_session(db) as session:
        baseline = load_ref(session, against) if against else active_profile(session)
        validation = cross_validate(learner, cases, baseline, n_splits=folds, k=k, pool=chosen_pool)
        X, y, groups = training_set(cases, chosen_pool)
        mean, low, high = validation.gain
        learned = learner.fit(X, y, groups).to_profile(
            save or "learned",
            1,
            f"learned from {len(cases)} requirements ({method}); "
            f"held-out NDCG@{k} gain over {baseline.name} v{baseline.version}: "
            f"{mean:+.3f} (95% CI {low:+.3f} to {high:+.3f})",
        )
        console.print(weights_table(learned, "Learned weights (all outcomes)"))
        console.print(
            f"Held-out NDCG@{k} over {len(validation.requirement_ids)} requirements "
            f"({min(folds, len(validation.requirement_ids))} folds, grouped by requirement): "
            f"learned {validation.learned.mean():.3f}, {baseline.name} v{baseline.version} "
            f"{validation.baseline.mean():.3f}, gain {mean:+.3f} "
            f"(95% CI {low:+.3f} to {high:+.3f})."
        )
        stored = save_profile(session, learned, actor=actor()) if save else None
        if stored is not None:
            console.print(f"[green]Saved {stored.name} v{stored.version}[/].")
        console.print(
            activation_advice(
                validation.clearly_better,
                f"{baseline.name} v{baseline.version}",
                (low, high),
                f"{stored.name}:{stored.version}" if stored is not None else None,
            )
        )


def activation_advice(
    clearly_better: bool, baseline: str, interval: tuple[float, float], saved: str | None
) -> str:
    """Suggest activating learned weights only when the gain's whole 95 % interval is above 0."""
    low, high = interval
    if not clearly_better:
        return (
            f"[yellow]Not better than {baseline} with confidence[/]: the 95% CI of the gain "
            f"({low:+.3f} to {high:+.3f}) includes 0 or lies below it. Keep {baseline} "
            f"active and record more outcomes before learning again."
            + ("" if saved else " Not saved (add --save NAME to keep these weights anyway).")
        )
    if saved:
        return (
            f"Better than {baseline} with confidence (95% CI of the gain {low:+.3f} to "
            f"{high:+.3f}, all above 0). Activate it with: mitra weights activate {saved}"
        )
    return (
        f"Better than {baseline} with confidence (95% CI of the gain {low:+.3f} to {high:+.3f}, "
        f"all above 0). Not saved: add --save NAME to keep these weights as a new version, "
        f"then activate it."
    )
