"""The offline store: transactions, audit log, evidence stored once, migrations, backup and restore."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text

from dtdesktop.i18n import set_language
from dtdesktop.scoring import AnswerError, Ratio
from dtdesktop.storage import Store, StoreError, database_url
from dtdesktop.storage import assessments as A
from dtdesktop.storage.backup import backup, restore
from dtdesktop.storage.database import HEAD_REVISION, MIGRATIONS
from dtdesktop.units import find

UNIT = find("16279") or find("00004")


@pytest.fixture
def assessment(store, catalog) -> int:
    return A.create(store, catalog, find("00004"), 2025)


def test_head_revision_constant_matches_the_migrations():
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD_REVISION


def test_sqlite_runs_in_wal_with_foreign_keys(store):
    with store.reading() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_answers_round_trip_with_notes_and_audit(store, catalog, assessment):
    A.set_answer(
        store, assessment, "CQS.01", {"numerator": 45, "denominator": 60}, note="Theo báo cáo quý IV"
    )
    A.set_answer(store, assessment, "XHS.03", "có")
    A.set_answer(store, assessment, "XHS.03", "không")
    a = A.get(store, assessment)
    assert a.values == {"CQS.01": Ratio(45, 60), "XHS.03": False}
    assert a.answers["CQS.01"].note == "Theo báo cáo quý IV"
    log = [(e.action, e.key, e.old_value, e.new_value) for e in A.audit_log(store, assessment)]
    assert log[1:] == [
        ("answer", "CQS.01", None, '{"numerator": 45, "denominator": 60}'),
        ("note", "CQS.01", None, "Theo báo cáo quý IV"),
        ("answer", "XHS.03", None, "true"),
        ("answer", "XHS.03", "true", "false"),
    ]
    assert all(e.actor == "Nguyễn Thị Hà" for e in A.audit_log(store, assessment))


def test_setting_the_same_value_changes_nothing(store, assessment):
    assert A.set_answer(store, assessment, "XHS.01", 3) == 1
    assert A.set_answer(store, assessment, "XHS.01", "3") == 0
    assert len(A.audit_log(store, assessment)) == 2


def test_a_batch_with_one_bad_value_writes_nothing(store, assessment):
    A.set_answer(store, assessment, "XHS.01", 2)
    with pytest.raises(AnswerError):
        A.set_answers(store, assessment, {"XHS.01": 4, "CQS.01": 140})
    assert A.get(store, assessment).values == {"XHS.01": 2.0}
    with pytest.raises(A.AssessmentError):
        A.set_answers(store, assessment, {"XHS.01": 4, "KHONG.CO": 1})
    assert A.get(store, assessment).values == {"XHS.01": 2.0}


def test_clearing_an_answer_makes_it_missing_again(store, assessment):
    A.set_answer(store, assessment, "XHS.01", 2)
    A.set_answer(store, assessment, "XHS.01", None)
    assert A.get(store, assessment).values == {}


def test_evidence_files_are_stored_once(store, tmp_path: Path, assessment):
    f = tmp_path / "Quyết định 125.pdf"
    f.write_bytes(b"%PDF-1.7 noi dung")
    A.add_evidence_file(store, assessment, "CQS.01", f)
    A.add_evidence_file(store, assessment, "CQS.02", f)
    A.add_citation(store, assessment, "CQS.02", "125/QĐ-UBND", dt.date(2025, 3, 5), "Kiện toàn Ban chỉ đạo")
    a = A.get(store, assessment)
    assert [e.file_name for e in a.evidence] == ["Quyết định 125.pdf", "Quyết định 125.pdf", None]
    assert a.evidence[2].doc_number == "125/QĐ-UBND" and a.evidence[2].doc_date == dt.date(2025, 3, 5)
    with store.reading() as s:
        assert s.execute(text("SELECT count(*) FROM evidence_files")).scalar() == 1
    assert A.evidence_content(store, a.evidence[0].file_sha256) == b"%PDF-1.7 noi dung"
    A.remove_evidence(store, a.evidence[0].id)
    assert len(A.get(store, assessment).evidence) == 2


def test_missing_evidence_file_is_one_sentence(store, tmp_path: Path, assessment):
    with pytest.raises(A.AssessmentError) as info:
        A.add_evidence_file(store, assessment, "CQS.01", tmp_path / "khong-co.pdf")
    assert "khong-co.pdf" in str(info.value)
    assert A.get(store, assessment).evidence == ()


def test_one_assessment_per_unit_period_and_catalog(store, catalog, assessment):
    with pytest.raises(A.AssessmentError) as info:
        A.create(store, catalog, find("00004"), 2025)
    assert str(assessment) in str(info.value)
    assert A.create(store, catalog, find("00004"), 2026) != assessment


def test_deleting_keeps_the_audit_trail(store, assessment):
    A.set_answer(store, assessment, "XHS.01", 2)
    A.delete(store, assessment)
    with pytest.raises(A.AssessmentError):
        A.get(store, assessment)
    assert [e.action for e in A.audit_log(store, assessment)] == ["create", "answer", "delete"]
    with store.reading() as s:
        assert s.execute(text("SELECT count(*) FROM answers")).scalar() == 0


def test_the_stored_catalog_reproduces_the_hash(store, catalog, assessment):
    assert A.get(store, assessment).catalog.sha256 == catalog.sha256


def test_backup_and_restore(store, db_path: Path, tmp_path: Path, assessment):
    A.set_answer(store, assessment, "XHS.01", 2)
    out = backup(store, tmp_path / "sao-luu.sqlite3")
    A.set_answer(store, assessment, "XHS.01", 4)
    kept = restore(store, out)
    assert A.get(store, assessment).values == {"XHS.01": 2.0}
    assert kept.exists()
    old = Store(f"sqlite:///{kept}")
    assert A.get(old, assessment).values == {"XHS.01": 4.0}


def test_restore_refuses_a_file_that_is_not_a_backup(store, tmp_path: Path, assessment):
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError):
        restore(store, bogus)
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError):
        restore(store, other)
    A.set_answer(store, assessment, "XHS.01", 1)  # the store still works


def test_backup_to_a_missing_folder_leaves_nothing(store, tmp_path: Path):
    with pytest.raises(StoreError):
        backup(store, tmp_path / "khong-co" / "b.sqlite3")
    assert not (tmp_path / "khong-co").exists()


def test_database_url_accepts_paths_and_urls(tmp_path: Path):
    assert database_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"
    assert database_url("postgresql+psycopg://u@localhost/db") == "postgresql+psycopg://u@localhost/db"
    assert database_url(None).endswith("dtdesktop.sqlite3")


def test_a_file_that_is_not_a_database_is_reported(tmp_path: Path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"\x00junk" * 1000)
    with pytest.raises(StoreError):
        Store(f"sqlite:///{junk}")


def test_duplicate_carries_answers_notes_and_evidence_marked_to_check(store, tmp_path: Path, assessment):
    A.set_answer(store, assessment, "CQS.01", "45/60", note="Theo báo cáo quý IV")
    A.set_answer(store, assessment, "XHS.03", "có")
    A.add_citation(store, assessment, "XHS.03", "125/QĐ-UBND", dt.date(2025, 3, 5), "Kiện toàn Ban chỉ đạo")
    new = A.duplicate(store, assessment, 2026)
    a = A.get(store, new)
    assert (a.period, a.status, a.revision) == (2026, "draft", 0)
    assert a.values == {"CQS.01": Ratio(45, 60), "XHS.03": True}
    assert a.answers["CQS.01"].note == "Theo báo cáo quý IV"
    assert {c for c, ans in a.answers.items() if ans.to_check} == {"CQS.01", "XHS.03"}
    assert [(e.indicator_code, e.doc_number) for e in a.evidence] == [("XHS.03", "125/QĐ-UBND")]
    assert not any(ans.to_check for ans in A.get(store, assessment).answers.values())
    with pytest.raises(A.AssessmentError, match="đã có bản đánh giá kỳ 2026"):
        A.duplicate(store, assessment, 2026)


def test_an_answer_stops_being_to_check_when_changed_or_confirmed(store, assessment):
    A.set_answer(store, assessment, "CQS.01", "45/60")
    A.set_answer(store, assessment, "XHS.03", "có")
    new = A.duplicate(store, assessment, 2026)
    A.set_answer(store, new, "CQS.01", "50/60")
    assert A.mark_checked(store, new, "XHS.03") is True
    assert A.mark_checked(store, new, "XHS.03") is False
    a = A.get(store, new)
    assert not any(ans.to_check for ans in a.answers.values())
    actions = [(e.action, e.key) for e in A.audit_log(store, new)]
    assert ("checked", "CQS.01") in actions and ("checked", "XHS.03") in actions


def test_an_older_database_gains_the_review_columns(tmp_path: Path):
    from alembic import command

    path = tmp_path / "old.sqlite3"
    old = Store(database_url(str(path)), migrate=False)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(text("INSERT INTO catalogs VALUES ('x', 'c', '1', 'v', 'e', '{}', '2025-01-01')"))
    old.close()
    store = Store(database_url(str(path)))
    assert store.current_revision() == HEAD_REVISION
    with store.reading() as s:
        columns = {r[1] for r in s.execute(text("PRAGMA table_info(answers)"))}
    assert {"to_check", "review_comment"} <= columns


def test_the_migrations_make_exactly_the_models_tables(store):
    """A column added to a model but forgotten in a migration (or the reverse) fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from dtdesktop.storage.models import Base

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_files_sent_before_the_review_revision_are_known_from_the_audit_log(
    store, filled, identity_file, tmp_path
):
    """A store made before revision 0004 kept its exports in the audit log only; upgrading reads them
    back, so that a decision on a file sent then can still be matched."""
    from alembic import command
    from alembic.config import Config
    from conftest import PASSPHRASE
    from sqlalchemy import text

    from dtdesktop.exchange.export import export_submission
    from dtdesktop.signing import pkcs12_file
    from dtdesktop.storage.database import MIGRATIONS

    key = pkcs12_file.Pkcs12Key(identity_file, PASSPHRASE)
    sent = export_submission(store, filled, key, tmp_path / "nộp lần 1.pdf")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
    store.migrate()
    with store.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT assessment_id, revision, file_sha256, file_name FROM sent_files")
        ).all()
    assert [tuple(r) for r in rows] == [(filled, 1, sent.sha256, "nộp lần 1.pdf")]


def test_a_backup_keeps_the_identity_file_and_the_restore_puts_it_back(store, db_path: Path, tmp_path: Path):
    """The officer's identity file travels in the backup (as it is, encrypted) and comes back where the
    profile expects it; an identity file already there is never overwritten."""
    from dtdesktop.storage.backup import IDENTITY_TABLE, identity_in_backup, restore_identity

    identity = tmp_path / "ha.p12"
    kept = b"\x30\x82 encrypted PKCS#12"
    identity.write_bytes(kept)
    out = backup(store, tmp_path / "sao-luu.sqlite3", identity=identity)
    assert identity_in_backup(out) == ("ha.p12", identity.read_bytes())
    restore(store, out)
    tables = sqlite3.connect(db_path).execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    assert (IDENTITY_TABLE,) not in tables  # the store itself never holds it

    assert restore_identity(out, identity) == identity  # the same file in place: left alone
    assert sorted(p.name for p in tmp_path.glob("ha*.p12")) == ["ha.p12"]
    identity.unlink()
    assert restore_identity(out, identity) == identity and identity.read_bytes() == kept
    identity.write_bytes(b"another officer's identity")
    beside = restore_identity(out, identity)
    assert beside == tmp_path / "ha-2.p12" and beside.read_bytes() == kept
    assert identity.read_bytes() == b"another officer's identity"
    home = restore_identity(out)  # no profile to say where: the identity folder of the user's data
    assert home is not None and home.name == "ha.p12" and home.parent.name == "identity"


def test_a_backup_without_the_identity_and_one_that_cannot_read_it(store, tmp_path: Path):
    from dtdesktop.storage.backup import identity_in_backup, restore_identity

    out = backup(store, tmp_path / "sao-luu.sqlite3")
    assert identity_in_backup(out) is None and restore_identity(out, tmp_path / "ha.p12") is None
    assert not (tmp_path / "ha.p12").exists()
    with pytest.raises(StoreError, match=r"khong-co\.p12"):
        backup(store, tmp_path / "b.sqlite3", identity=tmp_path / "khong-co.p12")
    assert not (tmp_path / "b.sqlite3").exists()  # nothing half-written


def test_a_postgresql_url_without_its_driver_says_so(monkeypatch):
    """The program folder leaves psycopg out: a postgresql URL must say that, not 'No module named'."""
    for name in [m for m in sys.modules if m == "psycopg" or m.startswith("psycopg.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now raises ImportError
    with pytest.raises(StoreError) as caught:
        Store("postgresql+psycopg://nobody@127.0.0.1:1/none", migrate=False)
    message = str(caught.value)
    assert "PostgreSQL" in message and "psycopg" in message and "SQLite" in message
    assert "No module named" not in message


def test_other_missing_drivers_keep_the_general_sentence(monkeypatch):
    set_language("en")
    monkeypatch.setitem(sys.modules, "MySQLdb", None)
    with pytest.raises(StoreError, match=r"Cannot use the database .*MySQLdb"):
        Store("mysql+mysqldb://nobody@127.0.0.1:1/none", migrate=False)
