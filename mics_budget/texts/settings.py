"""The settings files in params/: what a mistake in them is called.

Each label is ``(ru, en)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "params.expected": (
        "недопустимое значение «{value}»: ожидается {expected}",
        "invalid value '{value}': expected {expected}",
    ),
    "params.at_key": ("ключ «{key}»: {message}", "key '{key}': {message}"),
    "params.kind.date": ("дата ГГГГ-ММ-ДД", "a date YYYY-MM-DD"),
    "params.kind.integer": ("целое число", "a whole number"),
    "params.kind.list": ("список", "a list"),
    "params.kind.mapping": ("список «ключ: значение»", "a list of 'key: value'"),
    "params.kind.number": ("число", "a number"),
    "params.kind.text": ("текст", "text"),
}
