"""The national lists of administrative units and search by name or code."""

from __future__ import annotations

import pytest

from dtdesktop.text import traditional_tones
from dtdesktop.units import find, search, unit_list


def test_two_tier_list_has_34_provinces_and_3321_communes():
    units = unit_list("2026")
    assert len(units.provinces()) == 34
    assert len(units.communes()) == 3321
    assert len(units.communes("38")) == 166  # Thanh Hóa was not merged


def test_three_tier_list_has_63_provinces_and_districts():
    units = unit_list("2025")
    assert len(units.provinces()) == 63
    assert sum(1 for u in units.units if u.level == "district") == 696
    assert len(units.communes()) == 10035


def test_search_without_diacritics_finds_the_accented_name():
    assert [u.full_name for u in search("thanh hoa", level="province")] == ["Tỉnh Thanh Hóa"]
    assert [u.full_name for u in search("THANH HÓA", level="province")] == ["Tỉnh Thanh Hóa"]
    names = [u.name for u in search("dong son", province="thanh hoa")]
    assert "Đông Sơn" in names


def test_search_by_code_and_within_a_province():
    assert search("00004")[0].full_name == "Phường Ba Đình"
    everywhere = search("ba dinh")
    in_thanh_hoa = search("ba dinh", province="38")
    assert len(everywhere) > len(in_thanh_hoa) >= 1
    assert all(u.province_code == "38" for u in in_thanh_hoa)


def test_exact_names_rank_first():
    results = search("hoang hoa", province="Thanh Hoá")
    assert results[0].name == "Hoằng Hóa"


def test_codes_of_the_two_lists_are_kept_apart():
    new, old = find("00004"), find("00004@2025")
    assert new is not None and old is not None
    assert new.full_name == "Phường Ba Đình"
    assert old.full_name == "Phường Trúc Bạch" and old.district_name == "Quận Ba Đình"
    assert find("00004@1999") is None


@pytest.mark.parametrize("scheme", ["2026", "2025"])
def test_one_spelling_of_every_place_name(scheme):
    """The list is read with the traditional tone placement that the catalogs and state documents use."""
    units = unit_list(scheme).units
    for u in units:
        for text in (u.name, u.full_name, u.province_name, u.district_name or ""):
            assert traditional_tones(text) == text, text
    assert sum(1 for u in units if "Hòa" in u.name) > 10


@pytest.mark.parametrize("query", ["Hoằng Hóa", "Hoằng Hoá", "hoang hoa", "HOẰNG HOÁ"])
def test_a_search_in_either_spelling_finds_the_unit(query):
    for province in ("Thanh Hóa", "Thanh Hoá", "thanh hoa", "38"):
        found = search(query, province=province)
        assert found and found[0].code == "15865", (query, province)
        assert found[0].full_name == "Xã Hoằng Hóa" and found[0].province_name == "Thanh Hóa"
