"""The dashboard and the Voila server.

Each label is ``(ru, en)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "dash.all": ("Все", "All"),
    "dash.all_sections": ("Все разделы", "All sections"),
    "dash.all_units": ("Все подразделения", "All units"),
    "dash.as_of": ("На дату", "As of"),
    "dash.error": ("не удалось обновить: {detail}", "could not refresh: {detail}"),
    "dash.title": ("MICS: бюджет и госзакупки", "MICS: budget and procurement"),
    "server.starting": (
        "панель: http://{host}:{port}/{query}",
        "dashboard: http://{host}:{port}/{query}",
    ),
    "server.token_required": (
        "адрес {host} доступен из сети: задайте токен (--token или MICS_DASHBOARD_TOKEN), иначе "
        "страницу откроет кто угодно",
        "address {host} is reachable from the network: set a token (--token or "
        "MICS_DASHBOARD_TOKEN), or anyone could open the page",
    ),
}
