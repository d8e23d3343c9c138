"""Users, roles and sign-in: the users command, the login page, who records.

Each label is ``(ru, en, kk)``; every language takes the same placeholders."""

LABELS: dict[str, tuple[str, ...]] = {
    "auth.no_identity": (
        "не удалось определить, кто вошёл: обновите страницу или войдите снова",
        "cannot tell who is signed in: reload the page or sign in again",
        "кім кіргенін анықтау мүмкін болмады: бетті жаңартыңыз немесе қайта кіріңіз",
    ),
    "auth.not_allowed": (
        "записывать шаги может только регистратор или администратор",
        "only a recorder or an admin may record steps",
        "кезеңдерді тек тіркеуші немесе әкімші жаза алады",
    ),
    "auth.read_only": (
        "Ваша роль — «{role}»: только просмотр, без записи.",
        "Your role is '{role}': read only, no recording.",
        "Сіздің рөліңіз — «{role}»: тек қарау, жазуға болмайды.",
    ),
    "auth.recording_as": ("Записывает: {name}", "Recording as: {name}", "Енгізуші: {name}"),
    "auth.sign_out": ("Выйти", "Sign out", "Шығу"),
    "auth.session_ended": (
        "Сеанс завершён (выход, новый пароль или пользователь удалён): на этой странице больше "
        "ничего нельзя записать.",
        "The session has ended (signed out, a new password or the user removed): nothing more "
        "can be recorded on this page.",
        "Сеанс аяқталды (шығу, жаңа құпиясөз немесе пайдаланушы жойылды): бұл бетте енді ештеңе "
        "жазуға болмайды.",
    ),
    "auth.sign_out_ask": ("Выйти из системы ({name})?", "Sign out ({name})?",
                          "Жүйеден шығу ({name})?"),
    "auth.sign_in_again": ("Войти снова", "Sign in again", "Қайта кіру"),
    "lang.choose": ("Язык", "Language", "Тіл"),
    "auth.signed_in_as": (
        "Вы вошли как {name} ({role})",
        "Signed in as {name} ({role})",
        "Сіз {name} ретінде кірдіңіз ({role})",
    ),
    "col.role": ("Роль", "Role", "Рөл"),
    "col.user": ("Пользователь", "User", "Пайдаланушы"),
    "help.role": (
        "роль: viewer (просмотр), recorder (запись шагов), admin",
        "role: viewer (read only), recorder (records steps), admin",
        "рөл: viewer (тек қарау), recorder (кезеңдерді жазу), admin",
    ),
    "help.users": (
        "пользователи панели и реестра (вход по паролю)",
        "users of the dashboard and the register (password sign-in)",
        "панель мен тізілімнің пайдаланушылары (құпиясөзбен кіру)",
    ),
    "help.users_add": (
        "добавить пользователя (пароль из stdin)",
        "add a user (password from stdin)",
        "пайдаланушы қосу (құпиясөз stdin арқылы беріледі)",
    ),
    "help.users_file": (
        "файл пользователей (или MICS_USERS)",
        "the users file (or MICS_USERS)",
        "пайдаланушылар файлы (немесе MICS_USERS)",
    ),
    "help.users_list": (
        "список пользователей и ролей",
        "list the users and their roles",
        "пайдаланушылар мен олардың рөлдерінің тізімі",
    ),
    "help.users_name": ("имя пользователя", "user name", "пайдаланушы аты"),
    "help.users_passwd": (
        "сменить пароль (из stdin)",
        "change a password (from stdin)",
        "құпиясөзді ауыстыру (stdin арқылы)",
    ),
    "help.users_remove": ("удалить пользователя", "remove a user", "пайдаланушыны жою"),
    "login.failed": (
        "Неверное имя пользователя или пароль.",
        "Wrong user name or password.",
        "Пайдаланушы аты немесе құпиясөз қате.",
    ),
    "login.heading": (
        "MICS: бюджет и закупки",
        "MICS: budget and procurement",
        "MICS: бюджет және сатып алу",
    ),
    "users.password_not_utf8": (
        "пароль — не текст UTF-8: введите его в UTF-8 (терминал или файл в UTF-8)",
        "the password is not UTF-8 text: give it in UTF-8 (a UTF-8 terminal or file)",
        "құпиясөз — UTF-8 мәтіні емес: оны UTF-8 арқылы беріңіз (терминал немесе UTF-8 файл)",
    ),
    "login.unavailable": (
        "Вход сейчас невозможен: файл пользователей не читается. Сообщите администратору.",
        "Signing in is not possible now: the users file cannot be read. Tell the "
        "administrator.",
        "Қазір кіру мүмкін емес: пайдаланушылар файлы оқылмайды. Әкімшіге хабарлаңыз.",
    ),
    "login.password": ("Пароль", "Password", "Құпиясөз"),
    "login.signed_out": ("Вы вышли.", "You have signed out.", "Сіз жүйеден шықтыңыз."),
    "login.submit": ("Войти", "Sign in", "Кіру"),
    "login.throttled": (
        "Слишком много неудачных попыток входа. Повторите через {seconds} с.",
        "Too many failed sign-ins. Try again in {seconds} s.",
        "Кіруге сәтсіз әрекеттер тым көп. {seconds} секундтан кейін қайталаңыз.",
    ),
    "login.title": (
        "Вход — MICS: бюджет и закупки",
        "Sign in — MICS: budget and procurement",
        "Кіру — MICS: бюджет және сатып алу",
    ),
    "login.username": ("Имя пользователя", "User name", "Пайдаланушы аты"),
    "role.admin": ("администратор", "admin", "әкімші"),
    "role.recorder": ("регистратор", "recorder", "тіркеуші"),
    "role.viewer": ("наблюдатель", "viewer", "бақылаушы"),
    "server.starting_users": (
        "панель: http://{host}:{port}/ (вход по паролю, пользователи: {path})",
        "dashboard: http://{host}:{port}/ (password sign-in, users: {path})",
        "панель: http://{host}:{port}/ (құпиясөзбен кіру, пайдаланушылар: {path})",
    ),
    "server.users_token_ignored": (
        "вход по именам пользователей: токен не используется",
        "signing in with user names: the token is not used",
        "пайдаланушы аттарымен кіру: токен пайдаланылмайды",
    ),
    "users.added": (
        "добавлен пользователь «{name}» ({role}) в {path}",
        "added user '{name}' ({role}) to {path}",
        "«{name}» пайдаланушысы ({role}) {path} файлына қосылды",
    ),
    "users.bad_file": (
        "файл пользователей {path} повреждён ({detail})",
        "the users file {path} is broken ({detail})",
        "{path} пайдаланушылар файлы бүлінген ({detail})",
    ),
    "users.bad_role": (
        "неизвестная роль «{role}»: ожидается одна из {roles}",
        "unknown role '{role}': expected one of {roles}",
        "белгісіз рөл «{role}»: мыналардың бірі күтіледі: {roles}",
    ),
    "users.bad_version": (
        "файл пользователей {path} другой версии ({version}): обновите программу",
        "the users file {path} has another version ({version}): update the program",
        "{path} пайдаланушылар файлының нұсқасы басқа ({version}): бағдарламаны жаңартыңыз",
    ),
    "users.cannot_read": (
        "не удаётся прочитать файл пользователей {path}: {detail}",
        "cannot read the users file {path}: {detail}",
        "{path} пайдаланушылар файлын оқу мүмкін емес: {detail}",
    ),
    "users.cannot_write": (
        "не удаётся записать файл пользователей {path}: {detail}",
        "cannot write the users file {path}: {detail}",
        "{path} пайдаланушылар файлына жазу мүмкін емес: {detail}",
    ),
    "users.changed": (
        "пароль пользователя «{name}» изменён; его сеансы завершены",
        "the password of '{name}' is changed; their sessions are ended",
        "«{name}» пайдаланушысының құпиясөзі өзгертілді; оның сеанстары аяқталды",
    ),
    "users.empty": (
        "пользователей нет ({path})",
        "no users ({path})",
        "пайдаланушылар жоқ ({path})",
    ),
    "users.exists": (
        "пользователь «{name}» уже есть",
        "user '{name}' already exists",
        "«{name}» пайдаланушысы бұрыннан бар",
    ),
    "users.locked": (
        "файл пользователей {path} занят другой командой; повторите позже",
        "the users file {path} is busy with another command; try again later",
        "{path} пайдаланушылар файлын басқа команда пайдаланып жатыр; кейінірек қайталаңыз",
    ),
    "users.name_control": (
        "имя пользователя содержит управляющий или невидимый символ {code}",
        "the user name contains a control or invisible character {code}",
        "пайдаланушы атында {code} басқару немесе көрінбейтін таңбасы бар",
    ),
    "users.name_empty": (
        "имя пользователя не может быть пустым",
        "the user name is empty",
        "пайдаланушы аты бос болмауы тиіс",
    ),
    "users.name_long": (
        "имя пользователя длиннее {max} символов ({count})",
        "the user name is longer than {max} characters ({count})",
        "пайдаланушы аты {max} таңбадан ұзын ({count})",
    ),
    "users.name_spaces": (
        "имя пользователя не должно начинаться или кончаться пробелом (может быть, «{name}»?)",
        "the user name must not start or end with a space (perhaps '{name}'?)",
        "пайдаланушы аты бос орынмен басталмауы немесе аяқталмауы тиіс («{name}» болуы мүмкін "
        "бе?)",
    ),
    "users.no_file": (
        "не задан файл пользователей: укажите --users ФАЙЛ или переменную MICS_USERS",
        "no users file: give --users FILE or set MICS_USERS",
        "пайдаланушылар файлы берілмеген: --users ФАЙЛ параметрін немесе MICS_USERS айнымалысын "
        "көрсетіңіз",
    ),
    "users.no_password": ("пароль не задан", "no password given", "құпиясөз берілмеген"),
    "users.no_users": (
        "в файле пользователей {path} никого нет: добавьте пользователя командой «mics-budget "
        "users add ИМЯ --role admin --users {path}»",
        "the users file {path} has no users: add one with 'mics-budget users add NAME --role "
        "admin --users {path}'",
        "{path} пайдаланушылар файлында ешкім жоқ: «mics-budget users add АТЫ --role admin "
        "--users {path}» командасымен пайдаланушы қосыңыз",
    ),
    "users.password_again": ("Пароль ещё раз: ", "Password again: ", "Құпиясөзді қайталаңыз: "),
    "users.password_long": (
        "пароль длиннее {max} символов",
        "the password is longer than {max} characters",
        "құпиясөз {max} таңбадан ұзын",
    ),
    "users.password_mismatch": (
        "пароли не совпадают",
        "the passwords do not match",
        "құпиясөздер сәйкес келмейді",
    ),
    "users.password_prompt": ("Пароль: ", "Password: ", "Құпиясөз: "),
    "users.password_short": (
        "пароль короче {min} символов",
        "the password is shorter than {min} characters",
        "құпиясөз {min} таңбадан қысқа",
    ),
    "users.removed": (
        "пользователь «{name}» удалён; его сеансы завершены",
        "user '{name}' removed; their sessions are ended",
        "«{name}» пайдаланушысы жойылды; оның сеанстары аяқталды",
    ),
    "users.unknown": (
        "пользователя «{name}» нет в {path}",
        "no user '{name}' in {path}",
        "{path} файлында «{name}» пайдаланушысы жоқ",
    ),
}
