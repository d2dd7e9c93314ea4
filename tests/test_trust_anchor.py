"""A trust removal judged by the certificate each line's trust rested on when it was imported (the root its
signer's chain ended at, or the signer's own registered certificate): removing any other certificate changes
nothing, even for a signer under an intermediate authority; removing that one flags the line, and trusting
it again trusts the line again. Lines imported before the anchor was kept (revision 0006) keep the older,
more cautious rule."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.config import Config
from cryptography import x509
from sqlalchemy import select

from dtdesktop.review.importing import import_files
from dtdesktop.review.inbox import approve_selected, inbox_rows
from dtdesktop.review.trust import add_roots, register, remove
from dtdesktop.signing.trust import fingerprint
from dtdesktop.storage.database import HEAD_REVISION, MIGRATIONS
from dtdesktop.storage.models import SubmissionRow
from tests.inbox_files import make_chained


@pytest.fixture(scope="session")
def chained(tmp_path_factory, officer):
    return make_chained(tmp_path_factory.mktemp("anchor"), officer)


def _line(store, unit: str):
    [row] = [r for r in inbox_rows(store) if r.unit_code == unit]
    return row


def _flagged(row) -> bool:
    return (
        row.trust == "unknown"
        and "untrusted_signer" in row.flags
        and not row.clean
        and any(code == "trust_removed" for code, _m in row.reasons)
    )


def _anchors(store) -> dict[str, str | None]:
    with store.reading() as s:
        return dict(s.execute(select(SubmissionRow.unit_code, SubmissionRow.trust_anchor)).all())


def test_a_signer_under_an_intermediate_follows_its_root_only(store, chained):
    add_roots(store, [chained.root.cert, chained.other_root.cert])
    import_files(store, [chained.under_intermediate], workers=1)
    assert _anchors(store) == {"15865": fingerprint(chained.root.cert)}  # the root, not the intermediate
    assert _line(store, "15865").trust == "trusted" and _line(store, "15865").clean

    remove(store, fingerprint(chained.other_root.cert))  # unrelated: nothing changes
    line = _line(store, "15865")
    assert line.trust == "trusted" and line.clean and not line.reasons

    remove(store, fingerprint(chained.root.cert))  # what it rested on
    line = _line(store, "15865")
    assert _flagged(line)
    assert approve_selected(store, [line]).skipped_by() == {"flagged": 1}
    assert _line(store, "15865").status == "submitted"

    add_roots(store, [chained.root.cert])  # trusted again: the line is trusted again
    line = _line(store, "15865")
    assert line.trust == "trusted" and line.clean
    assert approve_selected(store, [line]).approved == (line.submission_id,)


def test_a_registered_officers_line_follows_its_registration_for_that_unit(store, chained, officer):
    register(store, officer.certificate, ["15853"])
    add_roots(store, [chained.other_root.cert])
    import_files(store, [chained.by_officer], workers=1)
    assert _anchors(store) == {"15853": fingerprint(officer.certificate)}

    remove(store, fingerprint(chained.other_root.cert))
    assert _line(store, "15853").trust == "trusted"

    remove(store, fingerprint(officer.certificate))
    assert _flagged(_line(store, "15853"))
    register(store, officer.certificate, ["15865"])  # registered again, but for another unit only
    line = _line(store, "15853")
    assert _flagged(line)
    assert approve_selected(store, [line]).skipped_by() == {"flagged": 1}
    register(store, officer.certificate, ["15853"])
    assert _line(store, "15853").trust == "trusted" and _line(store, "15853").clean


def test_a_line_under_a_removed_root_is_trusted_again_when_its_signer_is_registered(store, chained):
    add_roots(store, [chained.root.cert])
    import_files(store, [chained.under_root], workers=1)
    remove(store, fingerprint(chained.root.cert))
    assert _flagged(_line(store, "14758"))
    with store.reading() as s:
        der = s.scalar(select(SubmissionRow.signer_certificate))
    register(store, x509.load_der_x509_certificate(der), ["14758"])  # "trust the signer again"
    assert _line(store, "14758").trust == "trusted"


def test_a_store_at_0006_upgrades_and_its_old_lines_keep_the_older_rule(store, chained):
    add_roots(store, [chained.root.cert, chained.other_root.cert])
    import_files(store, [chained.under_intermediate, chained.under_root], workers=1)
    assert set(_anchors(store).values()) == {fingerprint(chained.root.cert)}
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
    assert store.current_revision() == "0006"
    store.migrate()
    assert store.current_revision() == HEAD_REVISION
    assert _anchors(store) == {"15865": None, "14758": None}

    remove(store, fingerprint(chained.other_root.cert))
    # no anchor recorded: issued directly by a root still trusted stays trusted; under an intermediate,
    # it cannot be told, and is flagged on the safe side
    assert _line(store, "14758").trust == "trusted"
    assert _flagged(_line(store, "15865"))


def test_approving_every_clean_file_leaves_a_line_whose_trust_was_removed(store, chained):
    """`review --approve-clean` skips what the inbox flags, as the bulk approval of selected lines does."""
    from dtdesktop.review.reviewing import approve_clean

    add_roots(store, [chained.root.cert])
    import_files(store, [chained.under_intermediate, chained.under_root], workers=1)
    remove(store, fingerprint(chained.root.cert))
    assert approve_clean(store, province="38") == []
    assert {r.status for r in inbox_rows(store)} == {"submitted"}
    add_roots(store, [chained.root.cert])
    assert sorted(approve_clean(store, province="38")) == sorted(r.submission_id for r in inbox_rows(store))
    assert {r.status for r in inbox_rows(store)} == {"approved"}
