"""KBLI 2020 codes: known codes, titles, and fit levels."""

from __future__ import annotations

from matcher.kbli import KbliCodes, is_known_kbli, kbli_fit, kbli_title


def test_known_codes_keep_leading_zeros() -> None:
    assert is_known_kbli("25910")
    assert is_known_kbli("01111")
    assert is_known_kbli("2591")
    assert not is_known_kbli("1111")  # "01111" without its zero is a different (unknown) code
    assert not is_known_kbli("99999")


def test_title_is_the_official_indonesian_title() -> None:
    title = kbli_title("25910") or ""
    assert "Penempaan" in title
    assert kbli_title("99999") is None


def test_manufacturing_is_bundled() -> None:
    assert all(is_known_kbli(code) for code in ("10", "16", "22", "25", "31", "33"))


def test_same_code_beats_same_class_beats_same_division() -> None:
    suppliers = KbliCodes.from_rows([[25910], [25911], [25920], [28110], [], [10710, 25910]])
    fit = kbli_fit(suppliers, ["25910"])
    assert fit[0] > fit[1] > fit[2] > fit[3] == fit[4] == 0
    assert fit[5] == fit[0]  # the best of a supplier's codes counts


def test_a_requested_class_matches_at_class_level() -> None:
    fit = kbli_fit(KbliCodes.from_rows([[25910], [25920]]), ["2591"])
    assert fit[0] > fit[1] > 0
