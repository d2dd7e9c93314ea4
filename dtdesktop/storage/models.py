"""The offline store's tables (SQLAlchemy 2), in portable types so that SQLite and PostgreSQL both work."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class UnitRow(Base):
    """A unit that an assessment refers to, copied from the national list it was chosen from."""

    __tablename__ = "units"
    scheme: Mapped[str] = mapped_column(String(8), primary_key=True)
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    full_name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(16))
    province_code: Mapped[str] = mapped_column(String(8))
    province_name: Mapped[str] = mapped_column(String(200))
    district_code: Mapped[str | None] = mapped_column(String(8))
    district_name: Mapped[str | None] = mapped_column(String(200))


class CatalogRow(Base):
    """A catalog as it was when used: its canonical content, so that scores stay reproducible."""

    __tablename__ = "catalogs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    catalog_id: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[str] = mapped_column(String(32))
    title_vi: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AssessmentRow(Base):
    __tablename__ = "assessments"
    __table_args__ = (
        ForeignKeyConstraint(
            ["unit_scheme", "unit_code"], ["units.scheme", "units.code"], name="fk_assessments_unit_units"
        ),
        Index("ix_assessments_unit", "unit_scheme", "unit_code", "period"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    unit_scheme: Mapped[str] = mapped_column(String(8))
    unit_code: Mapped[str] = mapped_column(String(16))
    period: Mapped[int] = mapped_column(Integer)
    catalog_sha256: Mapped[str] = mapped_column(ForeignKey("catalogs.sha256"))
    horizon: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    unit: Mapped[UnitRow] = relationship(lazy="joined")
    catalog: Mapped[CatalogRow] = relationship()
    answers: Mapped[list[AnswerRow]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", passive_deletes=True
    )
    evidence: Mapped[list[EvidenceRow]] = relationship(
        back_populates="assessment",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="EvidenceRow.id",
    )


class AnswerRow(Base):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("assessment_id", "indicator_code", name="uq_answers_assessment_code"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    indicator_code: Mapped[str] = mapped_column(String(32))
    value: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # carried over from last year's assessment and not yet looked at by the officer
    to_check: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # set when a reviewer returns this indicator with a comment (the review loop)
    review_comment: Mapped[str | None] = mapped_column(Text)

    assessment: Mapped[AssessmentRow] = relationship(back_populates="answers")


class EvidenceFileRow(Base):
    """An evidence file's bytes, stored once however many indicators cite it."""

    __tablename__ = "evidence_files"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EvidenceRow(Base):
    """Evidence for one indicator: a file, a document citation (số hiệu, ngày, trích yếu), or both."""

    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    indicator_code: Mapped[str] = mapped_column(String(32))
    file_sha256: Mapped[str | None] = mapped_column(ForeignKey("evidence_files.sha256"))
    file_name: Mapped[str | None] = mapped_column(String(255))
    doc_number: Mapped[str | None] = mapped_column(String(100))
    doc_date: Mapped[dt.date | None] = mapped_column(Date)
    summary: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    assessment: Mapped[AssessmentRow] = relationship(back_populates="evidence")
    file: Mapped[EvidenceFileRow | None] = relationship()


class AuditRow(Base):
    """One change: who, when, what, old → new. Kept when the assessment itself is deleted."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    assessment_id: Mapped[int | None] = mapped_column(Integer, index=True)
    action: Mapped[str] = mapped_column(String(32))
    key: Mapped[str | None] = mapped_column(String(64))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


class TrustedCertificateRow(Base):
    """A certificate the reviewer trusts: a root (trusts every person whose certificate chains to it) or an
    officer's own certificate, registered for the units its holder may sign for."""

    __tablename__ = "trusted_certificates"
    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the DER
    der: Mapped[bytes] = mapped_column(LargeBinary)
    subject: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))  # "root" or "officer"
    not_after: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    units: Mapped[list[CertificateUnitRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="CertificateUnitRow.unit_code"
    )


class CertificateUnitRow(Base):
    """A unit a certificate's holder may sign for, as the reviewer registered it."""

    __tablename__ = "certificate_units"
    fingerprint: Mapped[str] = mapped_column(
        ForeignKey("trusted_certificates.fingerprint", ondelete="CASCADE"), primary_key=True
    )
    unit_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CatalogLibraryRow(Base):
    """A catalog the reviewer knows (shipped with the program, installed, or accepted from a submission)."""

    __tablename__ = "catalog_library"
    sha256: Mapped[str] = mapped_column(ForeignKey("catalogs.sha256"), primary_key=True)
    source: Mapped[str] = mapped_column(String(16))  # "installed" or "accepted"
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # an installed catalog: "signed" (a decision signed by a signer trusted for the province) or "unsigned"
    status: Mapped[str | None] = mapped_column(String(16))
    publisher: Mapped[str | None] = mapped_column(String(200))  # who signed the decision
    publisher_fingerprint: Mapped[str | None] = mapped_column(String(64))
    number: Mapped[str | None] = mapped_column(String(100))  # the decision's number ("12/QĐ-UBND")
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    file_sha256: Mapped[str | None] = mapped_column(String(64))  # the decision file as installed

    catalog: Mapped[CatalogRow] = relationship()


class SubmissionSlotRow(Base):
    """The first valid file received for one revision of one unit's assessment: what makes a second,
    differently signed file for the same revision a conflict, even when two imports run at once."""

    __tablename__ = "submission_slots"
    unit_scheme: Mapped[str] = mapped_column(String(8), primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    period: Mapped[int] = mapped_column(Integer, primary_key=True)
    catalog_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    signed_sha256: Mapped[str] = mapped_column(String(64))


class SubmissionRow(Base):
    """A received submission file that passed the gate (valid or not yet decidable), kept with its history."""

    __tablename__ = "submissions"
    __table_args__ = (
        ForeignKeyConstraint(
            ["unit_scheme", "unit_code"], ["units.scheme", "units.code"], name="fk_submissions_unit_units"
        ),
        Index("ix_submissions_filed", "unit_scheme", "unit_code", "period", "catalog_id", "revision"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    signed_sha256: Mapped[str] = mapped_column(String(64), unique=True)  # what was signed: the identity
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)  # the file as received
    file_name: Mapped[str] = mapped_column(String(255))
    file_size: Mapped[int] = mapped_column(BigInteger)
    unit_scheme: Mapped[str] = mapped_column(String(8))
    unit_code: Mapped[str] = mapped_column(String(16))
    period: Mapped[int] = mapped_column(Integer)
    catalog_id: Mapped[str] = mapped_column(String(64))
    catalog_sha256: Mapped[str] = mapped_column(ForeignKey("catalogs.sha256"))
    horizon: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer)
    conflict: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    verdict: Mapped[str] = mapped_column(String(16))
    reasons: Mapped[str] = mapped_column(Text)  # JSON list of {code, message, verdict}
    signer_name: Mapped[str | None] = mapped_column(String(200))
    signer_fingerprint: Mapped[str | None] = mapped_column(String(64))
    signer_certificate: Mapped[bytes | None] = mapped_column(LargeBinary)  # DER, as the file carried it
    # the SHA-256 of the certificate the signer's chain ended at when imported (a root, or the signer's
    # own registered certificate): a later removal flags the line only if it removes this one
    trust_anchor: Mapped[str | None] = mapped_column(String(64))
    signed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    score_matches: Mapped[bool] = mapped_column(Boolean)
    percent: Mapped[float | None] = mapped_column(Float)
    sent_percent: Mapped[float | None] = mapped_column(Float)
    document: Mapped[str] = mapped_column(Text)  # assessment.json as signed
    results: Mapped[str | None] = mapped_column(Text)  # the recomputed score, compact (review.importing)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # the review: "submitted", "returned" or "approved" (locked); every step is a ReviewRow
    status: Mapped[str] = mapped_column(String(16), default="submitted", server_default="submitted")

    unit: Mapped[UnitRow] = relationship(lazy="joined")


class SubmissionEvidenceRow(Base):
    """An evidence file of a submission: its bytes stored once (by SHA-256), its name cleaned for disk and
    the name the commune gave it kept for display."""

    __tablename__ = "submission_evidence"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    indicator_code: Mapped[str] = mapped_column(String(32))
    file_sha256: Mapped[str] = mapped_column(ForeignKey("evidence_files.sha256"))
    file_name: Mapped[str] = mapped_column(String(255))
    original_name: Mapped[str] = mapped_column(Text)


class ReviewRow(Base):
    """One step of the review of a received submission: returned (with a comment per criterion and an
    overall one), approved, or unapproved (with a reason); who, when and why."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(16))  # "return", "approve" or "unapprove"
    comments: Mapped[str] = mapped_column(Text)  # JSON list of {"code", "comment"}
    overall: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SentFileRow(Base):
    """A submission file this commune signed and sent: what a reviewer's decision must answer."""

    __tablename__ = "sent_files"
    __table_args__ = (
        UniqueConstraint("assessment_id", "revision", name="uq_sent_files_assessment_revision"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(255))
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReceivedDecisionRow(Base):
    """A reviewer's signed decision applied on the commune's side."""

    __tablename__ = "received_decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(16))  # "returned" or "approved"
    signed_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_sha256: Mapped[str] = mapped_column(String(64))
    signer_name: Mapped[str | None] = mapped_column(String(200))
    signer_fingerprint: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    document: Mapped[str] = mapped_column(Text)  # decision.json as signed
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
