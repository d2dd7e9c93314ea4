"""The same store on PostgreSQL: migrations, answers, evidence and audit with the same code.

Runs when DTDESKTOP_TEST_PG_URL names a server (`.ci/run` starts one on loopback); skipped otherwise.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from dtdesktop.scoring import Ratio
from dtdesktop.storage import Store
from dtdesktop.storage import assessments as A
from dtdesktop.storage.database import HEAD_REVISION
from dtdesktop.units import find

SERVER = os.environ.get("DTDESKTOP_TEST_PG_URL")
pytestmark = pytest.mark.skipif(not SERVER, reason="no PostgreSQL server (set DTDESKTOP_TEST_PG_URL)")


@pytest.fixture
def pg_store():
    name = f"dtdesktop_{uuid.uuid4().hex[:12]}"
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
    url = SERVER.rsplit("/", 1)[0] + "/" + name
    store = Store(url)
    yield store
    store.close()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}"'))
    admin.dispose()


def test_the_store_works_on_postgresql(pg_store, catalog, tmp_path: Path):
    assert pg_store.current_revision() == HEAD_REVISION
    aid = A.create(pg_store, catalog, find("00004"), 2025)
    A.set_answers(
        pg_store,
        aid,
        {"CQS.01": "45/60", "CQS.02": "head", "XHS.03": "có"},
        notes={"CQS.01": "Số liệu quý IV — Đặc khu"},
    )
    evidence = tmp_path / "Biên bản.pdf"
    evidence.write_bytes(bytes(range(256)) * 10)
    A.add_evidence_file(pg_store, aid, "CQS.01", evidence)
    A.add_citation(pg_store, aid, "CQS.02", "125/QĐ-UBND", dt.date(2025, 3, 5), "Kiện toàn Ban chỉ đạo")
    a = A.get(pg_store, aid)
    assert a.values == {"CQS.01": Ratio(45, 60), "CQS.02": "head", "XHS.03": True}
    assert a.answers["CQS.01"].note == "Số liệu quý IV — Đặc khu"
    assert A.evidence_content(pg_store, a.evidence[0].file_sha256) == bytes(range(256)) * 10
    assert a.catalog.sha256 == catalog.sha256
    with pytest.raises(A.AssessmentError):
        A.create(pg_store, catalog, find("00004"), 2025)
    following = A.duplicate(pg_store, aid, 2026)
    assert {c for c, ans in A.get(pg_store, following).answers.items() if ans.to_check} == set(a.values)
    assert A.mark_checked(pg_store, following, "XHS.03") is True
    A.delete(pg_store, aid)
    assert [e.action for e in A.audit_log(pg_store, aid)][-1] == "delete"


def test_the_catalog_library_works_on_postgresql(pg_store, tmp_path: Path, catalog_text):
    """Installing, listing and removing a criteria set: the columns of migration 0005 on PostgreSQL."""
    from dtdesktop.publication.install import check_file, install, installed_catalogs, library, remove

    path = tmp_path / "bo-tieu-chi.yaml"
    path.write_text(catalog_text.replace("id: thu-nghiem", "id: tinh-2026"), encoding="utf-8")
    assert install(pg_store, check_file(path, pg_store, unsigned=True)).added
    assert not install(pg_store, check_file(path, pg_store, unsigned=True)).added
    (entry,) = [e for e in library(pg_store) if e.source == "installed"]
    assert entry.status == "unsigned" and entry.added_at is not None
    assert [c.id for c in remove(pg_store, "tinh-2026")] == ["tinh-2026"]
    assert installed_catalogs(pg_store) == []


def test_the_trust_anchor_of_migration_0007_on_postgresql(pg_store, tmp_path_factory, officer):
    """Each line keeps the root its trust rests on; a store at 0006 upgrades with its lines' anchors empty,
    judged by the older rule."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import select

    from dtdesktop.review.importing import import_files
    from dtdesktop.review.inbox import inbox_rows
    from dtdesktop.review.trust import add_roots, remove
    from dtdesktop.signing.trust import fingerprint
    from dtdesktop.storage.database import MIGRATIONS
    from dtdesktop.storage.models import SubmissionRow
    from tests.inbox_files import make_chained

    chained = make_chained(tmp_path_factory.mktemp("anchor-pg"), officer)
    add_roots(pg_store, [chained.root.cert, chained.other_root.cert])
    import_files(pg_store, [chained.under_intermediate, chained.under_root], workers=1)

    def anchors():
        with pg_store.reading() as s:
            return dict(s.execute(select(SubmissionRow.unit_code, SubmissionRow.trust_anchor)).all())

    def trust():
        return {r.unit_code: r.trust for r in inbox_rows(pg_store)}

    assert anchors() == {"15865": fingerprint(chained.root.cert), "14758": fingerprint(chained.root.cert)}
    remove(pg_store, fingerprint(chained.other_root.cert))  # unrelated to both lines' anchor
    assert trust() == {"15865": "trusted", "14758": "trusted"}
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with pg_store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
    pg_store.migrate()
    assert pg_store.current_revision() == HEAD_REVISION
    assert anchors() == {"15865": None, "14758": None}
    assert trust() == {"15865": "unknown", "14758": "trusted"}
