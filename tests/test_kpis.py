"""Procurement KPIs (:mod:`mics_budget.procurement.kpis`) on a small register whose every
figure is worked out by hand below, and their place in the monthly report and the dashboard."""

from __future__ import annotations

import json
import math
from datetime import date

import pytest

from mics_budget import i18n, load
from mics_budget.procurement.kpis import KPI_NAMES, procurement_kpis
from mics_budget.report.presentation import kpi_table
from tests.conftest import write_files

LOTS = ("lot,activity,title,method,estimate,currency,specifics,planned_announce,needed_by,law\n"
        "K1,7.1,Форма,open_tender,1000000,KZT,143,,,434-V\n"
        "K2,7.2,Маски,auction,2000000,KZT,149,,,434-V\n"
        "K3,7.3,Аптечки,single_source,500000,KZT,142,,,434-V\n"
        "K4,9.2,Перевод,price_quotations,300000,KZT,159,,,434-V\n")
EVENTS = ("lot,date,status,amount,bids,supplier,supplier_bin,document,note\n"
          "K1,2023-05-01,announced,,,,,,\n"
          "K1,2023-05-16,evaluation,,1,,,,\n"
          "K1,2023-05-20,awarded,,1,ТОО А,990140000001,,\n"
          "K1,2023-06-01,contracted,900000,,ТОО А,990140000001,,\n"
          "K1,2023-06-21,delivered,,,,,,\n"
          "K2,2023-05-01,announced,,,,,,\n"
          "K2,2023-05-20,evaluation,,3,,,,\n"
          "K2,2023-05-21,unsuccessful,,,,,,\n"
          "K2,2023-06-01,announced,,,,,,\n"
          "K2,2023-06-16,evaluation,,3,,,,\n"
          "K2,2023-06-20,awarded,,3,ТОО Б,990140000002,,\n"
          "K2,2023-06-30,contracted,2000000,,ТОО Б,990140000002,,\n"
          "K3,2023-06-10,contracted,500000,,ИП В,990140000003,,обоснование: п. 3\n"
          "K4,2023-05-05,announced,,,,,,\n"
          "K4,2023-05-10,cancelled,,,,,,\n")
PAYMENTS = ("id,date,activity,source,specifics,amount,currency,payee,document,contract,"
            "refund_of,note\nP1,2023-06-25,7.1,RB,143,500000,KZT,,,K1,,\n"
            "P2,2023-07-05,7.1,RB,143,400000,KZT,,,K1,,\n")
FACTS = {"format": "mics-budget/goszakup-facts/1",
         "treasury": [{"lot": "K1", "contract_id": "1", "dt_reg": "2023-06-05"}],
         "penalties": []}


@pytest.fixture
def folder(data_dir):
    return write_files(data_dir, {"procurement/lots.csv": LOTS, "procurement/events.csv": EVENTS,
                                  "budget/payments.csv": PAYMENTS,
                                  "procurement/portal/facts.json": json.dumps(FACTS)})


def figures(frame) -> dict[str, tuple[float | None, int]]:
    return {k: (None if math.isnan(v) else round(v, 6), n)
            for k, v, n in zip(frame["kpi"], frame["value"], frame["lots"], strict=True)}


def test_every_kpi_worked_out_by_hand(folder):
    kpis = procurement_kpis(load(folder), date(2023, 12, 31))
    assert list(kpis.columns) == ["kpi", "value", "unit", "lots"]
    assert kpis["kpi"].tolist() == list(KPI_NAMES)
    assert figures(kpis) == {
        "lots": (4, 4),
        "average_bids": (2.0, 2),            # K1 one bid, K2 three (K3 direct, K4 none)
        "single_bid_share": (0.5, 2),
        "single_source_share": (round(500_000 / 3_400_000, 6), 3),
        "failed_lots": (1, 3),               # K2, of the three lots announced
        "cancelled_lots": (1, 4),            # K4
        "savings": (100_000.0, 3),           # K1: 1 000 000 − 900 000; K2, K3 at estimate
        "savings_share": (round(100_000 / 3_500_000, 6), 3),
        "days_to_results": (19.0, 2),        # K1 05-01→05-20; K2 the repeat 06-01→06-20
        "days_to_signature": (11.0, 2),      # 12 and 10 days
        "days_to_delivery": (20.0, 1),       # K1 06-01→06-21
        "days_to_payment": (20.0, 1),        # K1 registered 06-05, first paid 06-25
    }
    assert dict(zip(kpis["kpi"], kpis["unit"], strict=True))["savings"] == "money"


def test_kpis_as_of_a_date_and_for_some_lots(folder):
    project = load(folder)
    early = figures(procurement_kpis(project, date(2023, 4, 30)))
    assert early["lots"] == (4, 4)
    assert all(early[k] == (None, 0) for k in ("average_bids", "single_source_share",
                                                "savings", "days_to_results",
                                                "days_to_payment"))
    assert early["failed_lots"] == (0, 0) and early["cancelled_lots"] == (0, 0)
    june = figures(procurement_kpis(project, date(2023, 6, 15)))
    assert june["days_to_payment"] == (None, 0)  # registered, not yet paid
    assert june["single_source_share"] == (round(500_000 / 1_400_000, 6), 2)
    some = figures(procurement_kpis(project, date(2023, 12, 31), lots=["K2", "K4"]))
    assert some["lots"] == (2, 2) and some["failed_lots"] == (1, 2)
    assert some["savings"] == (0.0, 1)


@pytest.mark.slow
def test_the_kpi_table_shows_each_figure_by_its_unit(folder):
    table = kpi_table(procurement_kpis(load(folder), date(2023, 12, 31)))
    cells = {row.kpi: table.cell("kpi_value", row.kpi_value, table.kind("kpi_value", row))
             for row in table.frame.itertuples(index=False)}
    nbsp = "\u00a0"
    assert cells["Доля лотов с одной заявкой"] == f"50,0{nbsp}%"
    assert cells["Экономия от сметной суммы, тенге"] == f"100{nbsp}000,00"
    assert cells["Дней от итогов до подписания договора (медиана)"] == "11,0"
    assert cells["Лотов в реестре"] == "4"
    assert "сметной суммы, которую определяет сам заказчик" in table.note
    with i18n.using("kk"):
        assert kpi_table(procurement_kpis(load(folder), date(2023, 12, 31))).title == \
            "Сатып алу көрсеткіштері"


@pytest.mark.slow
def test_the_report_and_the_dashboard_show_the_kpis(folder):
    from mics_budget.report.report import MonthlyReport
    from mics_budget.web.dashboard import Dashboard

    report = MonthlyReport.build(str(folder), "2023-12", "ru")
    assert report.kpis.equals(procurement_kpis(report.project, date(2023, 12, 31)))
    assert list(report.tables).index("kpis") == list(report.tables).index("register") + 1
    board = Dashboard(load(folder), as_of=date(2023, 12, 31), lang="ru")
    assert "Показатели закупок" in board.kpis.value and "19,0" in board.kpis.value
    board.filters.section.value = "9"  # only K4 (activity 9.2) is shown
    assert "Лотов в реестре</td><td class=\"num\">1<" in board.kpis.value


# --- the choices at their edges (docs/definitions.md, «Procurement KPIs») --------------------


def test_a_terminated_single_source_contract_still_counts_in_its_share(folder):
    """The single-source share measures how the buyer chose to buy: every contract signed,
    at the amount in force, a terminated one included."""
    write_files(folder, {"procurement/events.csv": EVENTS
                         + "K3,2023-07-01,terminated,,,,,,расторгнут\n"})
    kpis = figures(procurement_kpis(load(folder), date(2023, 12, 31)))
    assert kpis["single_source_share"] == (round(500_000 / 3_400_000, 6), 3)


def test_the_last_count_of_bids_counts_even_a_failed_procedure_with_none(folder):
    """Bids are the lot's last count on record; a procedure that failed with no bid at all is
    a real outcome (0), not a missing one."""
    write_files(folder, {"procurement/events.csv": EVENTS.replace(
        "K4,2023-05-10,cancelled,,,,,,\n", "K4,2023-05-20,evaluation,,0,,,,\n"
        "K4,2023-05-21,unsuccessful,,,,,,\n")})
    kpis = figures(procurement_kpis(load(folder), date(2023, 12, 31)))
    assert kpis["average_bids"] == (round((1 + 3 + 0) / 3, 6), 3)
    assert kpis["failed_lots"] == (2, 3)  # K2 and K4, of the three lots announced


def test_medians_leave_out_backward_spans_and_lots_without_the_step(folder):
    """A span that runs backwards (a delivery dated before its contract: a data error, flagged
    elsewhere) is left out of the median; a lot contracted without an award (direct) has no
    time to signature."""
    write_files(folder, {"procurement/events.csv": EVENTS
                         + "K3,2023-06-01,delivered,,,,,,\n"})
    kpis = figures(procurement_kpis(load(folder), date(2023, 12, 31)))
    assert kpis["days_to_signature"] == (11.0, 2)      # K1 12 days, K2 10; K3 had no award
    assert kpis["days_to_delivery"] == (20.0, 1)       # K1 20 days; K3 backwards: left out
    assert kpis["days_to_results"] == (19.0, 2)        # K1 19; K2 from its second call: 19
