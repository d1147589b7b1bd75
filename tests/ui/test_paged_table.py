"""The paged table model: pages arrive as the view scrolls; sorting and filtering are asked
of the service, not done over the rows fetched so far."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from apporteur_desktop.i18n import Translator
from apporteur_desktop.services.listing import ListQuery, Page
from apporteur_desktop.ui.models.paged_table import PAGE_SIZE, PagedTableModel, TableColumn

NAMES = [f"Client {n:04d}" for n in range(1, 1001)]


class FakeService:
    """A list of names filtered and sorted as a service would, counting the pages asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[ListQuery, int, int]] = []

    def fetch(self, query: ListQuery, offset: int, limit: int) -> Page[str]:
        self.asked.append((query, offset, limit))
        rows = [name for name in NAMES if query.text.casefold() in name.casefold()]
        rows.sort(reverse=query.descending)
        return Page(tuple(rows[offset : offset + limit]), len(rows))


def model_over(service: FakeService) -> PagedTableModel[str]:
    columns = [TableColumn("Name", str, sort="name"), TableColumn("Length", lambda n: "1")]
    model = PagedTableModel(Translator("en"), columns, service.fetch)
    model.reload()
    return model


def test_the_first_page_only_is_read_then_pages_follow() -> None:
    service = FakeService()
    model = model_over(service)
    assert (model.rowCount(), model.total) == (PAGE_SIZE, 1000)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE
    assert service.asked[-1][1:] == (PAGE_SIZE, PAGE_SIZE)
    assert model.data(model.index(PAGE_SIZE, 0)) == NAMES[PAGE_SIZE]


def test_a_view_fetches_only_what_it_shows(qtbot) -> None:
    service = FakeService()
    model = model_over(service)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    assert model.rowCount() < len(NAMES)
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > PAGE_SIZE)


def test_sorting_and_filtering_are_asked_of_the_service() -> None:
    service = FakeService()
    model = model_over(service)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert service.asked[-1][0].sort == "name" and service.asked[-1][0].descending
    assert model.data(model.index(0, 0)) == NAMES[-1]
    model.sort(1)  # a column without a sort key changes nothing
    assert service.asked[-1][0].sort == "name"
    model.set_query(ListQuery(text="client 01"))
    assert model.total == 100 and model.rowCount() == 100
    assert not model.canFetchMore(QModelIndex())


def test_a_row_is_found_across_pages_and_a_reload_keeps_the_rows_shown() -> None:
    service = FakeService()
    model = model_over(service)
    row = model.row_where(lambda name: name == "Client 0750")
    assert row == 749 and model.rowCount() >= 750
    shown = model.rowCount()
    model.reload()
    assert model.rowCount() == shown
    assert model.row_where(lambda name: name == "nobody") is None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole) == NAMES[0]
