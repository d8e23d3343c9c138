"""The dashboard and the Voila server.

Each label is ``(ru, en, kk)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "dash.all": ("Все", "All", "Барлығы"),
    "dash.all_sections": ("Все разделы", "All sections", "Барлық бөлімдер"),
    "dash.all_units": ("Все подразделения", "All units", "Барлық бөлімшелер"),
    "dash.as_of": ("На дату", "As of", "Есепті күн"),
    "dash.error": (
        "не удалось обновить: {detail}",
        "could not refresh: {detail}",
        "жаңарту мүмкін болмады: {detail}",
    ),
    "dash.title": (
        "MICS: бюджет и госзакупки",
        "MICS: budget and procurement",
        "MICS: бюджет және мемлекеттік сатып алу",
    ),
    "server.starting": (
        "панель: http://{host}:{port}/{query}",
        "dashboard: http://{host}:{port}/{query}",
        "панель: http://{host}:{port}/{query}",
    ),
    "server.token_required": (
        "адрес {host} доступен из сети: задайте токен (--token или MICS_DASHBOARD_TOKEN), иначе "
        "страницу откроет кто угодно",
        "address {host} is reachable from the network: set a token (--token or "
        "MICS_DASHBOARD_TOKEN), or anyone could open the page",
        "{host} мекенжайы желіден қолжетімді: токен орнатыңыз (--token немесе "
        "MICS_DASHBOARD_TOKEN), әйтпесе бетті кез келген адам аша алады",
    ),
}
