"""The national lists of administrative units (GSO codes), before and after the 2025 reform, and search."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from dtdesktop.text import fold, traditional_tones

Scheme = Literal["2026", "2025"]
CURRENT: Scheme = "2026"
SCHEMES: tuple[Scheme, ...] = ("2026", "2025")
_FILES = {"2026": "vn-units-2026-two-tier.json", "2025": "vn-units-2025-06-three-tier.json"}
_PREFIXES = ("Thành phố ", "Tỉnh ", "Thị trấn ", "Thị xã ", "Phường ", "Xã ", "Quận ", "Huyện ", "Đặc khu ")


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit: a province, a district (three-tier list only) or a commune-level unit."""

    scheme: Scheme
    code: str
    name: str
    full_name: str
    level: Literal["province", "district", "commune"]
    province_code: str
    province_name: str
    district_code: str | None = None
    district_name: str | None = None
    name_en: str | None = None

    @property
    def ref(self) -> str:
        """How to name the unit on the command line: the code, with `@2025` for the old list."""
        return self.code if self.scheme == CURRENT else f"{self.code}@{self.scheme}"

    @property
    def label(self) -> str:
        parts = [self.full_name]
        if self.district_name:
            parts.append(self.district_name)
        if self.level != "province":
            parts.append(self.province_name)
        return ", ".join(parts)


def _short(full_name: str) -> str:
    for prefix in _PREFIXES:
        if full_name.startswith(prefix):
            return full_name[len(prefix) :]
    return full_name


@dataclass(frozen=True)
class UnitList:
    scheme: Scheme
    units: tuple[Unit, ...]
    by_code: dict[tuple[str, str], Unit]
    folded: tuple[tuple[str, str], ...]  # (folded name, folded full name) per unit, same order

    def get(self, code: str, level: str | None = None) -> Unit | None:
        if level:
            return self.by_code.get((level, code))
        return (
            self.by_code.get(("commune", code))
            or self.by_code.get(("district", code))
            or self.by_code.get(("province", code))
        )

    def communes(self, province_code: str | None = None) -> list[Unit]:
        return [
            u
            for u in self.units
            if u.level == "commune" and (province_code is None or u.province_code == province_code)
        ]

    def provinces(self) -> list[Unit]:
        return [u for u in self.units if u.level == "province"]


def _read(scheme: Scheme) -> list[dict]:
    text = resources.files("dtdesktop.units").joinpath("data", _FILES[scheme]).read_text("utf-8")
    return json.loads(traditional_tones(text))  # "Thanh Hóa", as the catalogs and state documents write it


def _two_tier() -> list[Unit]:
    units: list[Unit] = []
    for p in _read("2026"):
        units.append(
            Unit(
                "2026",
                p["Code"],
                p["Name"],
                p["FullName"],
                "province",
                p["Code"],
                p["Name"],
                name_en=p.get("NameEn"),
            )
        )
        for w in p.get("Wards") or ():
            units.append(
                Unit(
                    "2026",
                    w["Code"],
                    w["Name"],
                    w["FullName"],
                    "commune",
                    p["Code"],
                    p["Name"],
                    name_en=w.get("NameEn"),
                )
            )
    return units


def _three_tier() -> list[Unit]:
    units: list[Unit] = []
    for p in _read("2025"):
        pname = _short(p["FullName"])
        units.append(Unit("2025", p["Code"], pname, p["FullName"], "province", p["Code"], pname))
        for d in p.get("District") or ():
            units.append(
                Unit(
                    "2025",
                    d["Code"],
                    _short(d["FullName"]),
                    d["FullName"],
                    "district",
                    p["Code"],
                    pname,
                    d["Code"],
                    d["FullName"],
                )
            )
            for w in d.get("Ward") or ():
                units.append(
                    Unit(
                        "2025",
                        w["Code"],
                        _short(w["FullName"]),
                        w["FullName"],
                        "commune",
                        p["Code"],
                        pname,
                        d["Code"],
                        d["FullName"],
                    )
                )
    return units


def unit_list(scheme: Scheme = CURRENT) -> UnitList:
    """The list for *scheme*, read once per process (`unit_list()` and `unit_list("2026")` alike)."""
    return _unit_list(scheme)


@cache
def _unit_list(scheme: Scheme) -> UnitList:
    units = tuple(_two_tier() if scheme == "2026" else _three_tier())
    by_code = {(u.level, u.code): u for u in units}
    folded = tuple((fold(u.name), fold(u.full_name)) for u in units)
    return UnitList(scheme, units, by_code, folded)


def parse_ref(ref: str) -> tuple[str, Scheme]:
    """`00004` → ("00004", "2026"); `00004@2025` → ("00004", "2025"). Raises ValueError on a bad scheme."""
    code, _sep, scheme = ref.strip().partition("@")
    scheme = scheme or CURRENT
    if scheme not in SCHEMES:
        raise ValueError(scheme)
    return code, scheme  # type: ignore[return-value]


def find(ref: str) -> Unit | None:
    """The commune-level unit (or else district, province) named by *ref*."""
    try:
        code, scheme = parse_ref(ref)
    except ValueError:
        return None
    return unit_list(scheme).get(code)


def _match_province(ul: UnitList, province: str) -> set[str]:
    key = fold(province)
    return {
        u.code
        for u in ul.provinces()
        if u.code == province
        or key in (fold(u.name), fold(u.full_name))
        or (len(key) >= 3 and key in fold(u.name))
    }


def search(
    query: str,
    province: str | None = None,
    scheme: Scheme = CURRENT,
    level: str | None = "commune",
    limit: int = 50,
) -> list[Unit]:
    """Units whose name contains *query*, with or without diacritics, or whose code starts with it.

    Exact names come first, then names that start with the query, then the rest; within each, list order.
    """
    ul = unit_list(scheme)
    key = fold(query)
    provinces = _match_province(ul, province) if province else None
    ranked: list[tuple[int, int, Unit]] = []
    for i, (unit, (fname, ffull)) in enumerate(zip(ul.units, ul.folded, strict=True)):
        if level and unit.level != level:
            continue
        if provinces is not None and unit.province_code not in provinces:
            continue
        if not key:
            rank = 3
        elif unit.code == query.strip():
            rank = 0
        elif fname == key or ffull == key:
            rank = 1
        elif fname.startswith(key) or ffull.startswith(key):
            rank = 2
        elif key in fname or key in ffull or unit.code.startswith(query.strip()):
            rank = 3
        else:
            continue
        ranked.append((rank, i, unit))
    ranked.sort(key=lambda t: (t[0], t[1]))
    return [u for _r, _i, u in ranked[:limit]]
