"""Users, roles and sign-in: the users command, the login page, who records.

Each label is ``(ru, en)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "auth.no_identity": (
        "не удалось определить, кто вошёл: обновите страницу или войдите снова",
        "cannot tell who is signed in: reload the page or sign in again",
    ),
    "auth.not_allowed": (
        "записывать шаги может только регистратор или администратор",
        "only a recorder or an admin may record steps",
    ),
    "auth.read_only": (
        "Ваша роль — «{role}»: только просмотр, без записи.",
        "Your role is '{role}': read only, no recording.",
    ),
    "auth.recording_as": ("Записывает: {name}", "Recording as: {name}"),
    "auth.sign_out": ("Выйти", "Sign out"),
    "auth.signed_in_as": ("Вы вошли как {name} ({role})", "Signed in as {name} ({role})"),
    "col.role": ("Роль", "Role"),
    "col.user": ("Пользователь", "User"),
    "help.role": (
        "роль: viewer (просмотр), recorder (запись шагов), admin",
        "role: viewer (read only), recorder (records steps), admin",
    ),
    "help.users": (
        "пользователи панели и реестра (вход по паролю)",
        "users of the dashboard and the register (password sign-in)",
    ),
    "help.users_add": (
        "добавить пользователя (пароль из stdin)",
        "add a user (password from stdin)",
    ),
    "help.users_file": ("файл пользователей (или MICS_USERS)", "the users file (or MICS_USERS)"),
    "help.users_list": ("список пользователей и ролей", "list the users and their roles"),
    "help.users_name": ("имя пользователя", "user name"),
    "help.users_passwd": ("сменить пароль (из stdin)", "change a password (from stdin)"),
    "help.users_remove": ("удалить пользователя", "remove a user"),
    "login.failed": ("Неверное имя пользователя или пароль.", "Wrong user name or password."),
    "login.heading": ("MICS: бюджет и закупки", "MICS: budget and procurement"),
    "login.password": ("Пароль", "Password"),
    "login.signed_out": ("Вы вышли.", "You have signed out."),
    "login.submit": ("Войти", "Sign in"),
    "login.throttled": (
        "Слишком много неудачных попыток входа. Повторите через {seconds} с.",
        "Too many failed sign-ins. Try again in {seconds} s.",
    ),
    "login.title": ("Вход — MICS: бюджет и закупки", "Sign in — MICS: budget and procurement"),
    "login.username": ("Имя пользователя", "User name"),
    "role.admin": ("администратор", "admin"),
    "role.recorder": ("регистратор", "recorder"),
    "role.viewer": ("наблюдатель", "viewer"),
    "server.starting_users": (
        "панель: http://{host}:{port}/ (вход по паролю, пользователи: {path})",
        "dashboard: http://{host}:{port}/ (password sign-in, users: {path})",
    ),
    "server.users_token_ignored": (
        "вход по именам пользователей: токен не используется",
        "signing in with user names: the token is not used",
    ),
    "users.added": (
        "добавлен пользователь «{name}» ({role}) в {path}",
        "added user '{name}' ({role}) to {path}",
    ),
    "users.bad_file": (
        "файл пользователей {path} повреждён ({detail})",
        "the users file {path} is broken ({detail})",
    ),
    "users.bad_role": (
        "неизвестная роль «{role}»: ожидается одна из {roles}",
        "unknown role '{role}': expected one of {roles}",
    ),
    "users.bad_version": (
        "файл пользователей {path} другой версии ({version}): обновите программу",
        "the users file {path} has another version ({version}): update the program",
    ),
    "users.cannot_read": (
        "не удаётся прочитать файл пользователей {path}: {detail}",
        "cannot read the users file {path}: {detail}",
    ),
    "users.cannot_write": (
        "не удаётся записать файл пользователей {path}: {detail}",
        "cannot write the users file {path}: {detail}",
    ),
    "users.changed": (
        "пароль пользователя «{name}» изменён; его сеансы завершены",
        "the password of '{name}' is changed; their sessions are ended",
    ),
    "users.empty": ("пользователей нет ({path})", "no users ({path})"),
    "users.exists": ("пользователь «{name}» уже есть", "user '{name}' already exists"),
    "users.locked": (
        "файл пользователей {path} занят другой командой; повторите позже",
        "the users file {path} is busy with another command; try again later",
    ),
    "users.name_control": (
        "имя пользователя содержит управляющий или невидимый символ {code}",
        "the user name contains a control or invisible character {code}",
    ),
    "users.name_empty": ("имя пользователя не может быть пустым", "the user name is empty"),
    "users.name_long": (
        "имя пользователя длиннее {max} символов ({count})",
        "the user name is longer than {max} characters ({count})",
    ),
    "users.name_spaces": (
        "имя пользователя не должно начинаться или кончаться пробелом (может быть, «{name}»?)",
        "the user name must not start or end with a space (perhaps '{name}'?)",
    ),
    "users.no_file": (
        "не задан файл пользователей: укажите --users ФАЙЛ или переменную MICS_USERS",
        "no users file: give --users FILE or set MICS_USERS",
    ),
    "users.no_password": ("пароль не задан", "no password given"),
    "users.no_users": (
        "в файле пользователей {path} никого нет: добавьте пользователя командой «mics-budget "
        "users add ИМЯ --role admin --users {path}»",
        "the users file {path} has no users: add one with 'mics-budget users add NAME --role "
        "admin --users {path}'",
    ),
    "users.password_again": ("Пароль ещё раз: ", "Password again: "),
    "users.password_long": (
        "пароль длиннее {max} символов",
        "the password is longer than {max} characters",
    ),
    "users.password_mismatch": ("пароли не совпадают", "the passwords do not match"),
    "users.password_prompt": ("Пароль: ", "Password: "),
    "users.password_short": (
        "пароль короче {min} символов",
        "the password is shorter than {min} characters",
    ),
    "users.removed": (
        "пользователь «{name}» удалён; его сеансы завершены",
        "user '{name}' removed; their sessions are ended",
    ),
    "users.unknown": ("пользователя «{name}» нет в {path}", "no user '{name}' in {path}"),
}
