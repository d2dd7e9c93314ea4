"""Progress of an area against a catalog's program targets."""

from __future__ import annotations

from dtdesktop.catalogs.model import ProgramTarget, Provenance, Text
from dtdesktop.catalogs.registry import resolve
from dtdesktop.scoring.program import UnitCompletion, evaluate, required_count

PROV = Provenance("derived", "Nghị quyết")


def target(**kw) -> ProgramTarget:
    base = {"code": "T", "title": Text("x", "x"), "year": 2025, "scope": "province", "provenance": PROV}
    return ProgramTarget(**{**base, **kw})


def test_share_of_units_is_rounded_up():
    assert required_count(target(min_percent=30), 10) == 3
    assert required_count(target(min_percent=30), 7) == 3
    assert required_count(target(min_percent=80), 166) == 133
    assert required_count(target(min_count=300), 166) == 300


def test_every_district_must_reach_the_share():
    t = target(min_percent=30, scope="district")
    groups = {"Đại Từ": [f"d{i}" for i in range(10)], "Võ Nhai": [f"v{i}" for i in range(5)]}
    done = [UnitCompletion(f"d{i}", 2024) for i in range(3)] + [UnitCompletion("v0", 2025)]
    progress = evaluate(t, done, groups)
    assert [(g.group, g.achieved, g.required, g.met) for g in progress.groups] == [
        ("Đại Từ", 3, 3, True),
        ("Võ Nhai", 1, 2, False),
    ]
    assert not progress.met
    progress = evaluate(t, [*done, UnitCompletion("v1", 2023)], groups)
    assert progress.met


def test_cumulative_and_yearly_targets():
    units = {"Thanh Hóa": [f"x{i}" for i in range(6)]}
    done = [
        UnitCompletion("x0", 2022),
        UnitCompletion("x1", 2023),
        UnitCompletion("x2", 2023),
        UnitCompletion("x3", 2026),
    ]
    assert evaluate(target(min_count=3, year=2025), done, units).achieved == 3
    yearly = evaluate(target(min_count=2, year=2023, cumulative=False), done, units)
    assert (yearly.achieved, yearly.met) == (2, True)
    # a unit counts once, in the first year it completed
    again = evaluate(
        target(min_count=1, year=2022, cumulative=False), [*done, UnitCompletion("x0", 2024)], units
    )
    assert again.achieved == 1


def test_thanh_hoa_targets_evaluate_against_its_communes():
    from dtdesktop.units import unit_list

    catalog = resolve("thanh-hoa-xa-2025")
    communes = [u.code for u in unit_list("2026").communes("38")]
    by_2030 = next(t for t in catalog.program_targets if t.year == 2030)
    done = [UnitCompletion(code, 2027) for code in communes[:133]]
    assert evaluate(by_2030, done, {"38": communes}).met
    assert not evaluate(by_2030, done[:-1], {"38": communes}).met
