"""The register app for ДАР: widgets in the kernel, and the page in Chromium."""

from __future__ import annotations

import base64
import html
import io
import shutil
from datetime import date

import openpyxl
import pytest

from mics_budget import i18n, load
from mics_budget.config import DEFAULT_DATA_DIR, DataDir
from mics_budget.procurement.recording import add_lot
from mics_budget.web.register_app import RegisterApp
from mics_budget.web.users import User

TODAY = date(2025, 6, 30)


@pytest.fixture
def example_copy(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, root, ignore=shutil.ignore_patterns(".mics-cache"))
    add_lot(DataDir(root), "LOT-NEW", "7.2", "auction", "500000", title="Перчатки")
    return root


@pytest.fixture
def app(example_copy):
    return RegisterApp(DataDir(example_copy), today=TODAY)


def _events(root) -> str:
    return (root / "procurement" / "events.csv").read_text(encoding="utf-8")


# --- the form ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_only_the_allowed_steps_are_offered_the_natural_one_chosen(app, example_copy):
    app.lot.value = "LOT-2023-003"  # paid
    assert app.status.options == (("закрыт", "closed"), ("расторгнут", "terminated"))
    assert app.status.value is None  # a final step is never chosen for the clerk (issue 23)
    app._on_save()
    assert "обязательно" in app.errors["status"].value.lower() or \
        "заполните" in app.errors["status"].value.lower()  # asked for, not guessed
    app.lot.value = "LOT-NEW"
    assert [v for _, v in app.status.options] == ["announced", "planned"]
    assert app.status.value == "announced"  # a new lot: «объявлен»
    app.date.value = date(2025, 6, 2)
    app.document.value = "Объявление №1"
    before = _events(example_copy)
    app._on_save()
    assert "записано: лот LOT-NEW, «объявлен», 02.06.2025 (LOT-NEW-1)" in app.message.value
    assert 'class="mics-ok"' in app.message.value
    after = _events(example_copy)
    assert after[len(before):].startswith("LOT-NEW,2025-06-02,announced,,,,,Объявление №1,")
    assert [v for _, v in app.status.options] == ["evaluation", "unsuccessful", "cancelled"]
    assert "LOT-NEW" in app.table.value


def test_required_fields_are_marked_and_checked_before_saving(example_copy):
    app = RegisterApp(DataDir(example_copy), today=date(2023, 7, 15))
    app.lot.value = "LOT-NEW"
    app.status.value = "planned"
    assert not app.amount.description.endswith("*")
    app.lot.value = "LOT-2023-002"  # contracted on 15.07.2023: an amendment needs an amount
    app.status.value = "amended"
    assert app.amount.description == "Сумма *"
    assert app.status.description.endswith("*") and app.date.description.endswith("*")
    before = _events(example_copy)
    app._on_save()
    assert "для этапа «изменение договора» нужна сумма договора" in app.errors["amount"].value
    assert 'class="mics-error"' in app.errors["amount"].value
    assert "--amount" not in app.errors["amount"].value and "amended" not in app.message.value
    assert _events(example_copy) == before


def test_a_refusal_shows_next_to_its_field_in_the_users_language(app, example_copy):
    app.lot.value = "LOT-NEW"
    app.status.value = "announced"
    app.document.value = "Хабарландыру №7"
    app.date.value = date(2030, 1, 1)
    before = _events(example_copy)
    app._on_save()  # refused: the date is in the future
    assert "ещё не наступила" in app.errors["date"].value and app.message.value == ""
    assert _events(example_copy) == before
    app.lang.value = "kk"
    try:
        assert (app.lot.value, app.status.value) == ("LOT-NEW", "announced")
        assert app.document.value == "Хабарландыру №7"
        assert app.document.description == "Құжат" and app.save.description == "Жазу"
        assert "әлі келген жоқ" in app.errors["date"].value  # the refusal, in Kazakh
        assert "Мемлекеттік сатып алу тізілімі" in app.heading.value
        assert app.tabs.get_title(0) == "Тізілім"
        assert ("жарияланды", "announced") in app.status.options
        app.date.value = date(2025, 6, 2)
        app._on_save()
        assert app.errors["date"].value == ""
        assert "жазылды: LOT-NEW лоты, «жарияланды», 02.06.2025" in app.message.value
        app.lang.value = "en"
        assert "recorded: lot LOT-NEW, 'announced'" in html.unescape(app.message.value)
    finally:
        i18n.set_lang("ru")


# --- the register table -----------------------------------------------------------------------


def test_open_lots_first_closed_ones_folded_away(app):
    view = app.view
    # the example's lots of late 2025 are open too (no step yet on 30.06.2025)
    open_lots = ["LOT-2023-003", "LOT-2023-006", "LOT-2025-001", "LOT-2025-002", "LOT-NEW"]
    assert list(view.shown()["lot"]) == open_lots
    assert "показано лотов: 5 из 9" in view.count.value
    view.closed.value = True
    shown = list(view.shown()["lot"])
    assert shown[:5] == open_lots  # open ones still first
    assert set(shown[5:]) == {"LOT-2023-001", "LOT-2023-002", "LOT-2023-004", "LOT-2023-005"}


def test_search_filters_and_sort(app):
    view = app.view
    view.stage.value = "*"
    view.search.value = "АПТЕЧКИ"  # any case
    assert list(view.shown()["lot"]) == ["LOT-2023-003"]
    view.search.value = "пример текстиль"  # the supplier's name
    assert list(view.shown()["lot"]) == ["LOT-2023-001"]
    view.search.value = ""
    view.activity.value = "7.2"
    assert set(view.shown()["lot"]) == set(view.lots.loc[view.lots["activity"] == "7.2", "lot"])
    assert "LOT-NEW" in set(view.shown()["lot"]) and len(view.shown()) < len(view.lots)
    view.activity.value = "*"
    view.stage.value = "closed"
    assert set(view.shown()["lot"]) == {"LOT-2023-001", "LOT-2023-002"}
    view.stage.value = "*"
    view.who.value = "example"
    assert "LOT-NEW" not in set(view.shown()["lot"])  # no step recorded by anyone yet
    view.who.value = "*"
    view.closed.value = True
    view.sort.value = "estimate"
    view.descending.value = True
    estimates = list(view.shown().loc[~view.shown()["stage"].isin(
        ["closed", "cancelled", "terminated"]), "estimate"])
    assert estimates == sorted(estimates, reverse=True)


@pytest.mark.slow
def test_the_export_is_the_table_as_shown(app):
    app.view.search.value = "аптечки"
    app.view._on_export()
    link = app.view.download.value
    assert link.startswith('<a class="mics-download" download="register-')
    data = base64.b64decode(link.split("base64,")[1].split('"')[0])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    rows = [r for r in sheet.iter_rows(values_only=True)]
    header = rows.index(next(r for r in rows if r and r[0] == "Лот"))
    assert [r[0] for r in rows[header + 1:] if r[0]] == ["LOT-2023-003"]
    assert sheet.auto_filter.ref  # formatted like the report's sheets


# --- the lot card, voids, amendments, new lots, roles ------------------------------------------


@pytest.mark.slow
def test_the_card_shows_the_timeline_and_payments_and_an_admin_voids(app, example_copy):
    card = app.card
    card.lot.value = "LOT-2023-006"
    assert "LOT-2023-006-1" in card.body.value and "Платежи по лоту" in card.body.value
    latest = card.entry.options[0][1]
    assert card.entry.value == latest and len(card.entry.options) == 1  # the voidable one
    app._on_void("LOT-2023-006-1", "ошибка")  # an earlier one, whatever is sent: refused
    assert "сначала аннулируйте" in card.void_message.value
    app._on_void(latest, "не та дата")
    assert f"аннулировано: {latest}" in card.void_message.value
    assert 'class="mics-voided"' in card.body.value and "не та дата" in card.body.value
    project = load(example_copy)
    assert bool(project.events.set_index("event_id").loc[latest, "voided"]) is True


@pytest.mark.slow
def test_an_admin_amends_a_lot_and_adds_one(app, example_copy):
    from mics_budget.procurement.recording import upgrade_register

    upgrade_register(DataDir(example_copy))  # the copy predates nothing: no-op
    card = app.card
    card.lot.value = "LOT-NEW"
    card.title.value = "Перчатки нитриловые"
    card.needed_by.value = date(2025, 9, 1)
    assert card.changes() == {"title": "Перчатки нитриловые", "needed_by": date(2025, 9, 1)}
    app._on_amend("LOT-NEW", card.changes())
    assert "лот LOT-NEW изменён" in card.amend_message.value
    lots = load(example_copy).valid_lots
    assert lots.loc["LOT-NEW", "title"] == "Перчатки нитриловые"
    form = app.new_lot
    form.lot.value = "LOT-2025-009"  # the example has lots 2025-001 and -002
    app._on_add_lot({**form.values(), "estimate": ""})
    assert "обязательное поле" in form.errors["estimate"].value
    form.estimate.value = "1 200 000"
    form.activity.value = "9.2"
    form.portal_number.value = "1555 0007"  # the portal's number: no spaces
    app._on_add_lot(form.values())
    assert "без пробелов" in form.errors["portal_number"].value
    form.portal_number.value = "15550007-1"
    app._on_add_lot(form.values())
    assert "добавлен лот LOT-2025-009" in form.message.value
    assert "LOT-2025-009" in {v for _, v in app.lot.options}
    assert load(example_copy).valid_lots.loc["LOT-2025-009", "portal_number"] == "15550007-1"
    card.lot.value = "LOT-NEW"  # a lot added before its announcement is linked later
    card.portal_number.value = "15550008-1"
    assert card.changes() == {"portal_number": "15550008-1"}
    app._on_amend("LOT-NEW", card.changes())
    assert load(example_copy).valid_lots.loc["LOT-NEW", "portal_number"] == "15550008-1"


@pytest.mark.slow
def test_roles_are_checked_in_the_kernel(example_copy):
    viewer = RegisterApp(DataDir(example_copy), today=TODAY, user=User("guest", "viewer"))
    assert viewer.form not in viewer.tabs.children and viewer.new_lot not in viewer.tabs.children
    assert viewer.card.admin not in viewer.card.children
    recorder = RegisterApp(DataDir(example_copy), today=TODAY, user=User("Айгуль", "recorder"))
    assert recorder.form in recorder.tabs.children
    assert recorder.new_lot not in recorder.tabs.children
    before = _events(example_copy)
    for app in (viewer, recorder):  # what a widget message from the browser could trigger
        app._on_void("LOT-2023-006-3", "x")
        assert "только администратор" in app.card.void_message.value
        app._on_add_lot({"lot": "X", "activity": "7.2", "method": "auction", "estimate": "1",
                         "title": "", "currency": "KZT", "planned_announce": None,
                         "needed_by": None})
        assert "только администратор" in app.new_lot.message.value
        app._on_amend("LOT-NEW", {"title": "X"})
        assert "только администратор" in app.card.amend_message.value
    viewer._on_save()
    assert _events(example_copy) == before
    assert "X" not in set(load(example_copy).lots["lot"])


def test_needs_attention_lists_the_alerts(example_copy):
    app = RegisterApp(DataDir(example_copy), today=date(2023, 7, 15))
    assert "Требует внимания" in app.attention.value
    assert "Поставка просрочена" in app.attention.value  # LOT-2023-002 contracted, not delivered


# --- in Chromium ------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_register_app_in_chromium(example_copy, browser, lang):
    from tests.test_dashboard import Server

    words = {"ru": ("Записать этап", "Записать", "объявлен", "Документ", "Карточка лота",
                    "записано: лот LOT-NEW"),
             "kk": ("Кезеңді жазу", "Жазу", "жарияланды", "Құжат", "Лот карточкасы",
                    "жазылды: LOT-NEW лоты")}[lang]
    tab_form, save, announced, document_label, tab_card, done = words
    server = Server(example_copy, register=True, lang=lang)
    server.wait()
    try:
        page, blocked = browser
        page.goto(server.url)
        page.wait_for_selector(".mics-register-view table", timeout=90_000)
        assert page.locator(f'[lang="{lang}"] h1').count() >= 1
        search = page.locator(".mics-register-view input[type=text]").first
        search.fill("перчатки")
        search.press("Enter")
        page.wait_for_function("() => document.querySelectorAll("
                               "'.mics-register-view table.mics tbody tr').length === 1")
        page.get_by_role("tab", name=tab_form).click()
        lot = page.locator(".mics-form select").nth(0)
        lot.select_option(label=next(o for o in lot.locator("option").all_inner_texts()
                                     if o.startswith("LOT-NEW")))
        status = page.locator(".mics-form select").nth(1)
        page.wait_for_function("() => document.querySelectorAll('.mics-form select')[1]"
                               ".options.length === 2")
        assert "announced" not in " ".join(status.locator("option").all_inner_texts())
        status.select_option(label=announced)
        field = page.get_by_label(document_label)
        field.fill("Объявление 42")
        field.press("Tab")
        before = _events(example_copy)
        page.get_by_role("button", name=save, exact=True).click()
        page.wait_for_selector(".mics-ok", timeout=30_000)
        assert page.locator(".mics-ok").inner_text().startswith(done)
        added = _events(example_copy)[len(before):].splitlines()
        assert len(added) == 1 and added[0].startswith(
            f"LOT-NEW,{date.today().isoformat()},announced,,,,,Объявление 42,")
        page.get_by_role("tab", name=tab_card).click()
        card = page.locator(".mics-lot-card select").first
        card.select_option(label=next(o for o in card.locator("option").all_inner_texts()
                                      if o.startswith("LOT-NEW")))
        page.wait_for_selector(".mics-lot-card >> text=Объявление 42", timeout=30_000)
        for tab in (tab_card, tab_form):  # dates keep their year, buttons their words
            page.get_by_role("tab", name=tab).click()
            page.wait_for_timeout(300)
            assert _cut(page, ".mics-date input") == []
            assert _cut(page, "button") == []
        assert blocked == []
    finally:
        server.stop()


def _cut(page, selector: str) -> list[str]:
    """The visible elements whose content is wider than the element shows."""
    return page.evaluate(f"""[...document.querySelectorAll('{selector}')]
        .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
        .map(e => e.value || e.innerText)""")


def test_the_lot_card_opens_with_where_the_lot_stands(example_copy):
    from mics_budget.web.users import User

    app = RegisterApp(DataDir(example_copy), today=TODAY, user=User("Айгуль", "recorder"))
    app.card.lot.value = "LOT-2023-002"
    body = app.card.body.value
    state = body.split('<table class="mics mics-lot-state">', 1)[1].split("</table>", 1)[0]
    for label in ("Этап", "Сумма договора", "Оплачено", "К оплате", "Поставщик"):
        assert label in state
    assert "₸ KZT" not in body and "6\u00a0500\u00a0000,00\u00a0₸" in body
    assert len(app.card.entry.options) == 1  # only the latest entry can be voided
    assert "аннулирует администратор" in body  # a recorder is told who voids
    assert app.card.estimate.value == "6 500 000,00"  # the amendment form, as people write it


def test_history_fits_a_terminal(example_copy, capsys):
    from mics_budget.cli import main

    assert main(["procurement", "history", "LOT-2023-001", "--data", str(example_copy)]) == 0
    out = capsys.readouterr().out
    header = out.splitlines()[1]
    assert "Этап" in header and "Статус" not in header
    assert "20.04.2023 18:00" in out and "T18:00:00+05:00" not in out


# --- a session that ended ends what an open page may do (issue 25) ---------------------------


def test_an_open_page_stops_writing_once_its_session_ended(example_copy):
    """The page asks the session before every write: signed out (or removed, or a new
    password) → nothing is written, the page says the session ended and links to sign in;
    a user demoted to viewer can no longer record."""
    from mics_budget.web.users import User

    state = {"user": User("Айгуль", "admin")}
    app = RegisterApp(DataDir(example_copy), today=TODAY, user=User("Айгуль", "admin"),
                      session=lambda: state["user"])
    app._timer.cancel()
    app.card.lot.value = "LOT-2023-006"
    events = example_copy / "procurement" / "events.csv"
    before = events.read_bytes()
    state["user"] = User("Айгуль", "viewer")  # demoted in the users file
    app._on_void(app.card.entry.options[0][1], "ошибка")
    assert events.read_bytes() == before and "администратор" in app.card.void_message.value
    assert not app.ended
    state["user"] = None  # signed out elsewhere, removed, or a new password
    app._on_add_lot({"lot": "LOT-X", "activity": "7.1", "method": "auction",
                     "estimate": "100", "title": "", "planned_announce": None,
                     "needed_by": None, "law": ""})
    assert app.ended and events.read_bytes() == before
    assert "Сеанс завершён" in app.children[-1].value and "Войти снова" in app.children[-1].value
    app._on_save()  # nothing more, whatever the browser sends
    assert events.read_bytes() == before


def test_the_session_is_what_the_users_file_and_the_signed_out_list_say(tmp_path,
                                                                        monkeypatch):
    from mics_budget.web import auth
    from mics_budget.web.users import UsersFile

    path = tmp_path / "users.csv"
    users = UsersFile(path)
    users.add("vera", "recorder", "correct horse battery")
    account = users.find("vera")
    secret, cookie = "s" * 64, "mics-session-test"
    value, sid = auth.make_session(secret, cookie, account)
    monkeypatch.setenv("MICS_USERS", str(path))
    monkeypatch.setenv(auth.SECRET_ENV, secret)
    monkeypatch.setenv(auth.COOKIE_ENV, cookie)
    monkeypatch.setenv("HTTP_COOKIE", f"{cookie}={value}")
    assert auth.session_in_force().name == "vera"
    auth.note_signed_out(path, "another-session", 9e9)
    assert auth.session_in_force().name == "vera"
    auth.note_signed_out(path, sid, 9e9)  # the server noted this one's sign-out
    assert auth.session_in_force() is None
    auth.prune_signed_out(path)  # at a restart: unexpired entries stay
    assert auth.session_in_force() is None
    path.with_name("users.csv.signed-out").write_text(f"{sid} 1\n", encoding="ascii")
    auth.prune_signed_out(path)  # expired ones go
    assert auth.session_in_force().name == "vera"
    UsersFile(path).set_password("vera", "a brand new password")
    assert auth.session_in_force() is None  # a new password ends it
