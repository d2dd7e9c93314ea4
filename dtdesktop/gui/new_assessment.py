"""Choosing the criteria, the year and the target horizon of a new assessment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from dtdesktop.catalogs.model import Catalog
from dtdesktop.catalogs.registry import catalogs_for
from dtdesktop.gui.forms.ui_new_assessment import Ui_NewAssessment
from dtdesktop.i18n import _, current_language
from dtdesktop.storage.assessments import default_horizon
from dtdesktop.units import Unit


class NewAssessment(QDialog):
    def __init__(
        self,
        unit: Unit,
        parent: QWidget | None = None,
        period: int | None = None,
        installed: Sequence[Catalog] = (),
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_NewAssessment()
        self.ui.setupUi(self)
        self.unit, self.installed = unit, tuple(installed)  # the province's published sets come first
        self.catalogs: list[Catalog] = []
        self._fill_catalogs()
        # Only the sets for the officer's province and the national ones, unless asked for every one.
        every = catalogs_for(unit, every=True, installed=self.installed)
        self.ui.allCatalogsCheck.setVisible(len(every) > len(self.catalogs))
        self.ui.allCatalogsCheck.toggled.connect(self._fill_catalogs)
        self.ui.periodSpin.setValue(period or dt.date.today().year)
        self.ui.catalogCombo.currentIndexChanged.connect(self._catalog_changed)
        self.ui.periodSpin.valueChanged.connect(self._catalog_changed)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Create"))
        self.ui.buttons.accepted.connect(self.accept)
        self._catalog_changed()

    def _fill_catalogs(self) -> None:
        chosen = self.ui.catalogCombo.currentData()
        self.catalogs = catalogs_for(
            self.unit, every=self.ui.allCatalogsCheck.isChecked(), installed=self.installed
        )
        combo, lang = self.ui.catalogCombo, current_language()
        combo.blockSignals(True)
        combo.clear()
        for c in self.catalogs:
            combo.addItem(c.title.get(lang), c.id)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)
        self._catalog_changed()

    @property
    def catalog(self) -> Catalog:
        return self.catalogs[self.ui.catalogCombo.currentIndex()]

    @property
    def period(self) -> int:
        return self.ui.periodSpin.value()

    @property
    def horizon(self) -> int:
        return self.ui.horizonCombo.currentData()

    def _catalog_changed(self) -> None:
        if not self.catalogs:
            return
        c, lang = self.catalog, current_language()
        combo = self.ui.horizonCombo
        combo.clear()
        for year in c.horizons:
            combo.addItem(str(year), year)
        combo.setCurrentIndex(c.horizons.index(default_horizon(c, self.period)))
        if c.issuer is not None:
            info = _("{n} indicators in {p} pillars · issued by {issuer}").format(
                n=len(c.indicators), p=len(c.pillars), issuer=c.issuer.get(lang)
            )
        else:
            info = _("{n} indicators in {p} pillars · compiled by {compiler} from {basis}").format(
                n=len(c.indicators),
                p=len(c.pillars),
                compiler=c.author.get(lang),
                basis=c.legal_basis[0].number,
            )
        self.ui.catalogInfo.setText(info)
