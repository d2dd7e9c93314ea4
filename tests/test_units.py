"""The national lists of administrative units and search by name or code."""

from __future__ import annotations

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
    assert [u.full_name for u in search("thanh hoa", level="province")] == ["Tỉnh Thanh Hoá"]
    assert [u.full_name for u in search("THANH HÓA", level="province")] == ["Tỉnh Thanh Hoá"]
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
    assert results[0].name == "Hoằng Hoá"


def test_codes_of_the_two_lists_are_kept_apart():
    new, old = find("00004"), find("00004@2025")
    assert new is not None and old is not None
    assert new.full_name == "Phường Ba Đình"
    assert old.full_name == "Phường Trúc Bạch" and old.district_name == "Quận Ba Đình"
    assert find("00004@1999") is None
