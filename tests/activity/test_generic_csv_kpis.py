"""The generic CSV's KPI layout: figures from a CRM or web analytics, and bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialplan.activity.importers.base import Brand, all_importers
from socialplan.activity.importers.common import (
    EMPTY_VALUE,
    EXTRA_VALUES,
    MISSING_COLUMNS,
    NOT_UTF8_EXPORT,
)
from socialplan.activity.importers.generic_csv import (
    BAD_PERIOD,
    BAD_VALUE,
    NOT_A_NUMBER,
    UNKNOWN_COLUMNS,
    GenericCsv,
)
from socialplan.activity.ingest import choose, import_path
from socialplan.activity.schema import Extract, KpiFigure
from socialplan.activity.source import Source
from socialplan.activity.store import Store
from socialplan.errors import InputError
from socialplan.strategy.networks import NETWORKS

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "exports"
FIXTURE = FIXTURES / "kpis"
CSV = FIXTURE / "kpi-figures.csv"
TEXT = CSV.read_text(encoding="utf-8")
HEADER = "kpi,period,value,network,channel"
Q4 = (dt.date(2026, 10, 1), dt.date(2026, 12, 31))

EXPECTED = [
    KpiFigure("repeat bookings", dt.date(2026, 10, 31), dt.date(2026, 10, 31), 58.0),
    KpiFigure("leads", *Q4, 1234.5, "facebook", "@LotusTrails"),
    KpiFigure("cost per acquisition", dt.date(2026, 7, 1), dt.date(2026, 9, 30), 12.4),
    KpiFigure("site visits", dt.date(2026, 10, 15), dt.date(2026, 10, 15), 300.0, "instagram"),
    # "Share of voice" for 2026-Q4 has no value yet: no figure.
]


def read(path: Path) -> Extract:
    """What the generic CSV importer makes of *path*, through the safety net users get."""
    with Source(path) as source:
        return GenericCsv().load(source, Brand())


def write(tmp_path: Path, text: str, name: str = "kpis.csv") -> Path:
    """A one-file export."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problem_of(path: Path) -> tuple[str, str, str | None, dict[str, object]]:
    """(file, message, path, arguments) of the single problem reading *path* gives."""
    with pytest.raises(InputError) as caught:
        read(path)
    (problem,) = caught.value.problems
    return problem.file, problem.message, problem.path, dict(problem.args)


def test_fixture_reads_exactly() -> None:
    extract = read(FIXTURE)
    assert extract.kpis == EXPECTED
    assert (extract.items, extract.accounts, extract.metrics, extract.moderation) == ([],) * 4


def test_only_the_generic_csv_claims_it() -> None:
    with Source(FIXTURE) as source:
        assert choose(source, None) is GenericCsv
        claims = [i for i in all_importers() if i is not GenericCsv and i.detect(source)]
    assert claims == []


@pytest.mark.parametrize(
    "encode",
    [lambda t: t.replace("\n", "\r\n").encode("utf-8-sig"), lambda t: t.encode("utf-16")],
    ids=["bom-crlf", "utf16-bom"],
)
def test_spreadsheet_saved_copies_read_the_same(tmp_path: Path, encode: object) -> None:
    path = tmp_path / "kpis.csv"
    path.write_bytes(encode(TEXT))  # type: ignore[operator]
    with Source(path) as source:
        assert choose(source, None) is GenericCsv
    assert read(path).kpis == EXPECTED


def test_kpis_sit_next_to_the_other_layouts(tmp_path: Path) -> None:
    write(tmp_path, TEXT, "kpis.csv")
    write(tmp_path, "network,account,day,followers\nfacebook,acme,2026-10-01,120\n", "daily.csv")
    extract = read(tmp_path)
    assert extract.kpis == EXPECTED
    assert [(m.handle, m.followers) for m in extract.metrics] == [("acme", 120)]


def test_the_three_columns_are_enough(tmp_path: Path) -> None:
    path = write(tmp_path, "Period,KPI,Value\n2026-Q4, NPS ,-12\n")
    assert read(path).kpis == [KpiFigure("nps", *Q4, -12.0)]


@pytest.mark.parametrize(
    ("row", "message", "args"),
    [
        ("leads,2026-13-01,5,,", BAD_PERIOD, {"column": "period", "value": "'2026-13-01'"}),
        ("leads,2026-Q5,5,,", BAD_PERIOD, {"column": "period", "value": "'2026-Q5'"}),
        ("leads,Q4 2026,5,,", BAD_PERIOD, {"column": "period", "value": "'Q4 2026'"}),
        ("leads,2026-10,5,,", BAD_PERIOD, {"column": "period", "value": "'2026-10'"}),
        ("leads,,5,,", BAD_PERIOD, {"column": "period", "value": "''"}),
        ("leads,2026-10-01,many,,", NOT_A_NUMBER, {"column": "value", "value": "'many'"}),
        ("leads,2026-10-01,nan,,", NOT_A_NUMBER, {"column": "value", "value": "'nan'"}),
        ('leads,2026-10-01,"3,5",,', NOT_A_NUMBER, {"column": "value", "value": "'3,5'"}),
        ("leads,2026-10-01,4.5%,,", NOT_A_NUMBER, {"column": "value", "value": "'4.5%'"}),
        (",2026-10-01,5,,", EMPTY_VALUE, {"column": "kpi"}),
        ("leads,2026-10-01,5,,acme", EMPTY_VALUE, {"column": "network"}),
        (
            "leads,2026-10-01,5,myspace,",
            BAD_VALUE,
            {"column": "network", "value": "'myspace'", "expected": ", ".join(NETWORKS)},
        ),
    ],
)
def test_bad_row_names_file_line_and_column(
    tmp_path: Path, row: str, message: str, args: dict[str, object]
) -> None:
    path = write(tmp_path, f"{TEXT}{row}\n")
    assert problem_of(path) == (str(path), message, "line 7", args)


def test_a_decimal_comma_without_quotes_is_not_half_read(tmp_path: Path) -> None:
    path = write(tmp_path, "kpi,period,value\nchurn,2026-Q4,3,5\n")
    assert problem_of(path) == (str(path), EXTRA_VALUES, "line 2", {"values": "'5'"})


def test_an_unknown_column_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "kpi,period,value,chanel,Note\nleads,2026-Q4,5,acme,hi\n")
    assert problem_of(path) == (
        str(path),
        UNKNOWN_COLUMNS,
        "line 1",
        {"columns": "chanel, note", "expected": "kpi, period, value, network, channel"},
    )


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "kpi,day,value\nleads,2026-10-01,5\n")
    assert problem_of(path) == (str(path), MISSING_COLUMNS, None, {"columns": "period"})


def test_a_problem_inside_a_folder_names_the_member(tmp_path: Path) -> None:
    write(tmp_path, "kpi,period,value\nleads,2026-10-01,lots\n", "crm.csv")
    file, message, where, _ = problem_of(tmp_path)
    assert (file, message, where) == (f"{tmp_path}:crm.csv", NOT_A_NUMBER, "line 2")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "kpis.csv"
    path.write_bytes("kpi,period,value\nVentes réalisées,2026-Q4,5\n".encode("latin-1"))
    assert problem_of(path)[:3] == (str(path), NOT_UTF8_EXPORT, None)


def test_reimporting_adds_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    first = import_path(CSV, store, Brand())
    assert first.batch is not None
    assert first.batch.rows["kpis"] == len(EXPECTED)
    assert import_path(CSV, store, Brand()).batch is None
    # The same figures under another name are a new export, but hold no new figure.
    renamed = write(tmp_path, TEXT.replace("KPI,Period", "kpi,period"), "kpis-again.csv")
    again = import_path(renamed, store, Brand())
    assert again.batch is not None
    assert again.batch.rows["kpis"] == 0
    assert store.read("kpis").num_rows == len(EXPECTED)


def test_stored_rows(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    import_path(CSV, store, Brand())
    stored = {
        r.pop("figure_id"): r for r in store.read("kpis").drop_columns("batch_id").to_pylist()
    }
    day = dt.date(2026, 10, 15)
    assert stored['["site visits", "2026-10-15", "2026-10-15", "instagram", null]'] == {
        "kpi": "site visits",
        "network": "instagram",
        "account_id": None,
        "first_day": day,
        "last_day": day,
        "value": 300.0,
    }
    assert stored['["leads", "2026-10-01", "2026-12-31", "facebook", "facebook:lotustrails"]'] == {
        "kpi": "leads",
        "network": "facebook",
        "account_id": "facebook:lotustrails",
        "first_day": Q4[0],
        "last_day": Q4[1],
        "value": 1234.5,
    }
    assert len(stored) == len(EXPECTED)


FIELDS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["2026-Q4", "2026-q0", "1,234", "3,5", "-0", "1e400", '"', "\r\n", "\x00"]),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_mutated_rows_only_raise_input_errors(tmp_path: Path, data: st.DataObject) -> None:
    lines = TEXT.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(lines) - 1))
        fields = lines[index].split(",")
        fields[data.draw(st.integers(0, len(fields) - 1))] = data.draw(FIELDS)
        lines[index] = ",".join(fields)
    path = tmp_path / "kpis.csv"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    try:
        read(path)
    except InputError as exc:
        assert all(p.file == str(path) for p in exc.problems)
