"""The settings files in params/: what a mistake in them is called.

Each label is ``(ru, en, kk)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "params.at_key": ("ключ «{key}»: {message}", "key '{key}': {message}",
                      "«{key}» кілті: {message}"),
    "params.expected": (
        "недопустимое значение «{value}»: ожидается {expected}",
        "invalid value '{value}': expected {expected}",
        "жарамсыз мән «{value}»: күтілетіні — {expected}",
    ),
    "params.kind.date": ("дата ГГГГ-ММ-ДД", "a date YYYY-MM-DD", "ЖЖЖЖ-АА-КК күні"),
    "params.kind.integer": ("целое число", "a whole number", "бүтін сан"),
    "params.kind.list": ("список", "a list", "тізім"),
    "params.kind.mapping": ("список «ключ: значение»", "a list of 'key: value'",
                            "«кілт: мән» тізімі"),
    "params.kind.number": ("число", "a number", "сан"),
    "params.kind.text": ("текст", "text", "мәтін"),
}
