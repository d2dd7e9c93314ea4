"""Opening the store: the engine, SQLite's pragmas, migrations at start-up, one transaction per change."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from dtdesktop.i18n import _
from dtdesktop.paths import default_database_path

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD_REVISION = "0007"


class StoreError(Exception):
    """The database cannot be opened or used; the message says what to do."""


def database_url(db: str | None) -> str:
    """`--db` accepts a SQLAlchemy URL or a file path; nothing means SQLite in the user's data folder."""
    if not db:
        return f"sqlite:///{default_database_path()}"
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # let SQLAlchemy emit BEGIN itself (true transactions)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")  # a power cut keeps every committed answer
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        # IMMEDIATE takes the write lock at once, waiting (busy_timeout) while another process writes: a
        # deferred BEGIN that later needs to write fails at once with "database is locked" instead.
        conn.exec_driver_sql("BEGIN IMMEDIATE")


class Store:
    """The offline store. `with store.transaction() as s:` makes one atomic change."""

    def __init__(self, url: str, migrate: bool = True):
        self.url = url
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise StoreError(_("“{url}” is not a database URL or a file path.").format(url=url)) from None
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite and parsed.database:
            folder = Path(parsed.database).parent
            if not folder.is_dir():
                raise StoreError(
                    _("The folder {folder} does not exist; create it or choose another --db.").format(
                        folder=folder
                    )
                )
        try:
            self.engine = create_engine(url, future=True)
        except (ArgumentError, ImportError) as exc:
            if isinstance(exc, ImportError) and parsed.get_backend_name() == "postgresql":
                # the Windows program folder leaves the PostgreSQL driver out (build_installer.spec)
                raise StoreError(
                    _(
                        "This installation of dtdesktop cannot use a PostgreSQL database: its driver "
                        "(psycopg) is not included. Use a database file (SQLite), or install dtdesktop with "
                        'PostgreSQL support (pip install "dtdesktop[postgres]").'
                    )
                ) from None
            raise StoreError(
                _("Cannot use the database {url} ({reason}).").format(url=url, reason=exc)
            ) from None
        if self.is_sqlite:
            _sqlite_pragmas(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        if migrate:
            self.migrate()

    @property
    def path(self) -> Path | None:
        database = make_url(self.url).database
        return Path(database) if self.is_sqlite and database else None

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()

    def migrate(self) -> None:
        """Bring the schema to the newest revision; cheap when it is already there."""
        try:
            if self.current_revision() == HEAD_REVISION:
                return
            from alembic import command
            from alembic.config import Config

            cfg = Config()
            cfg.set_main_option("script_location", str(MIGRATIONS))
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except (OperationalError, DBAPIError) as exc:
            raise StoreError(
                _(
                    "The database {url} cannot be opened ({reason}); check the path and that it is "
                    "a dtdesktop database."
                ).format(url=self.url, reason=driver_reason(exc))
            ) from None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One atomic unit of work: committed whole at the end, rolled back whole on any error."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def driver_reason(exc: Exception) -> str:
    """The first line of what the database driver said, without SQLAlchemy's wrapping and links."""
    orig = getattr(exc, "orig", None)
    return str(orig or exc).splitlines()[0]
