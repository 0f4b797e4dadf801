"""Shortlist explanations in the page's language, from the codes the engine puts beside them.

Each shortlist entry carries `explanation_codes` (matcher/reasons.py): a code and parameters
for every gap, note, exclusion reason and capacity note; each consortium proposal carries
`why_codes`, one for each of its `why` sentences. English pages use the engine's own
English; Indonesian pages use `REASONS_ID`, in the plain words of a Dinas officer, with
Indonesian numbers (20.000) and dates (28 Februari 2027). A sentence whose code is missing or
unknown (a document from an older engine) is shown as the engine wrote it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from matcher.reasons import ENGLISH, render_json

REASONS_ID: dict[str, str] = {
    "process_missing": "tidak menawarkan proses '{term}'",
    "process_missing_main": "tidak menawarkan proses '{term}' (proses utama)",
    "process_broader": "'{term}': hanya tercantum bidang umumnya, '{entry}' (dihitung {share}%)",
    "process_sibling": "'{term}': hanya varian yang mirip, '{entry}' (dihitung {share}%)",
    "process_family": "'{term}': hanya proses yang jauh kaitannya, '{entry}' (dihitung {share}%)",
    "material_broader": "'{term}': hanya tercantum sebagai '{entry}' (dihitung {share}%)",
    "material_sibling": "bahan '{term}' tidak ada; yang terdekat '{entry}' (dihitung {share}%)",
    "material_family": (
        "bahan '{term}' tidak ada; hanya '{entry}' yang jauh kaitannya (dihitung {share}%)"
    ),
    "material_unstated": "bahan tidak disebutkan; kecocokan bahan belum diketahui",
    "material_missing": "bahan '{term}' tidak ada (bahan yang dikerjakan: {listed:q})",
    "role_trade": (
        "pedagang/distributor, bukan pembuat ({claims:claims}): "
        "kecocokan prosesnya dihitung {share}%"
    ),
    "role_repair": (
        "bengkel reparasi/servis ({claims:claims}): kecocokan prosesnya dihitung {share}%"
    ),
    "preferred_cert_missing": "sertifikat {cert} (diutamakan) tidak ada",
    "cert_undated": "{cert} tanpa tanggal kedaluwarsa; dianggap berlaku pada {date:date}",
    "kbli_unrelated": "tidak ada KBLI yang terkait dengan {kbli:list}",
    "capacity_unit_incomparable": (
        "kapasitas dihitung dalam '{unit}', tidak bisa dibandingkan dengan '{volume_unit}'; "
        "kecukupan kapasitas belum diketahui"
    ),
    "capacity_unit_unknown": (
        "satuan kapasitas '{unit}' tidak dikenal; kecukupan kapasitas belum diketahui"
    ),
    "capacity_unknown": "kapasitas untuk {volume:n} {volume_unit}/bulan belum diketahui",
    "capacity_covers": (
        "kapasitas {capacity:n} {capacity_unit}/bulan cukup untuk kebutuhan "
        "{volume:n} {volume_unit}/bulan"
    ),
    "capacity_partial": (
        "kapasitas {capacity:n} {capacity_unit}/bulan = {share}% dari kebutuhan "
        "{volume:n} {volume_unit}/bulan"
    ),
    "location_unknown_neutral": "lokasi tidak diketahui; jarak dinilai netral",
    "no_required_process": (
        "tidak menawarkan satu pun proses yang diminta; ditaruh setelah semua pemasok "
        "yang menawarkannya"
    ),
    "location_centre_point": "lokasi diambil dari titik tengah {regency}",
    "trade_only_main": (
        "hanya berdagang: tidak membuat '{term}' sendiri; ditaruh setelah semua pemasok "
        "yang membuatnya"
    ),
    "general_trade_main": (
        "untuk proses utama '{term}' hanya tercantum bidang umumnya; ditaruh setelah "
        "semua pemasok yang mengerjakannya"
    ),
    "distant_relative_main": (
        "untuk proses utama '{term}' hanya ada proses yang jauh kaitannya; ditaruh setelah "
        "semua pemasok yang mengerjakannya"
    ),
    "cert_not_held": "sertifikat {cert} yang berlaku tidak ada",
    "cert_share_unstated": "persentase {base} tidak disebutkan; syaratnya {cert}",
    "cert_share_below": "{base} {share:g}% di bawah syarat {required:g}%",
    "cert_expired": (
        "{base} habis berlaku {expired:date}, sebelum tanggal dibutuhkan {needed_by:date}"
    ),
    "location_unknown": "lokasi tidak diketahui",
    "too_far": "{distance:.0f} km dari {place}, melebihi batas {max_km:g} km",
    # why a consortium proposal was chosen
    "consortium_covers": "bersama-sama mengerjakan semua proses yang diminta: {doers:doers}",
    "consortium_volume_exact": (
        "setiap proses mendapat {volume:v} {volume_unit} sebulan sesuai permintaan, "
        "dalam batas kapasitas"
    ),
    "consortium_volume_at_least": (
        "setiap proses mendapat paling sedikit {volume:v} {volume_unit} sebulan sesuai "
        "permintaan, dalam batas kapasitas"
    ),
    "consortium_both_in": "kedua anggota berada di {groups:and}",
    "consortium_all_in": "semua {count:d} anggota berada di {groups:and}",
    "consortium_some_in": "{in_group:d} dari {count:d} anggota berada di {group}",
    "consortium_spread_unknown": (
        "lokasi sebagian anggota tidak diketahui, jadi jarak antaranggota belum diketahui"
    ),
    "consortium_pair_apart": "jarak {first} dan {second} {distance:.0f} km",
    "consortium_farthest_pair": "jarak {first} dan {second} {distance:.0f} km (pasangan terjauh)",
    "consortium_certs_valid": "semua anggota memegang {certs:list} yang berlaku pada {date:date}",
    "consortium_within": "semua anggota berada dalam jarak {max_km:g} km dari {place}",
    "consortium_no_single": (
        "tidak ada satu pun pemasok yang memenuhi syarat yang sanggup mengerjakan semua proses"
    ),
    "consortium_no_single_capacity": (
        "tidak ada satu pun pemasok yang memenuhi syarat yang sanggup mengerjakan semua proses "
        "dengan kapasitas yang cukup"
    ),
    "uncoded": "{text}",
}
CATALOGUES: dict[str, Mapping[str, str]] = {"id": REASONS_ID, "en": ENGLISH}
FIELDS = ("gaps", "notes", "excluded_because", "capacity_note")
# A consortium proposal keeps the codes of its `why` sentences beside them, not in
# `explanation_codes`.
OWN_CODES = {"why": "why_codes"}


def explainer(lang: str) -> Callable[[Mapping[str, Any], str], list[str]]:
    """`said(result, field)`: one shortlist result's sentences of `field` (or a consortium
    proposal's `why`), in `lang`."""
    templates = CATALOGUES.get(lang, REASONS_ID)

    def said(result: Mapping[str, Any], field: str) -> list[str]:
        texts = result.get(field)
        if field in OWN_CODES:
            codes = result.get(OWN_CODES[field])
        else:
            codes = (result.get("explanation_codes") or {}).get(field)
        if field == "capacity_note":
            texts = [] if texts is None else [texts]
            codes = None if codes is None else [codes]
        texts = list(texts or [])
        if not isinstance(codes, list) or len(codes) != len(texts):
            return texts
        return [
            (render_json(code, templates, lang) if isinstance(code, dict) else None) or text
            for code, text in zip(codes, texts, strict=True)
        ]

    return said


def in_language(document: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """A shortlist document with each result's explanation texts (and each consortium
    proposal's `why`) said in `lang`, for a table or a page; the API's own document stays in
    English."""
    said = explainer(lang)
    results = []
    for result in document.get("results", []):
        texts: dict[str, Any] = {field: said(result, field) for field in FIELDS}
        texts["capacity_note"] = next(iter(texts["capacity_note"]), None)
        results.append({**result, **texts})
    shown = {**document, "results": results}
    if "consortia" in document:
        shown["consortia"] = [{**p, "why": said(p, "why")} for p in document["consortia"] or []]
    return shown
