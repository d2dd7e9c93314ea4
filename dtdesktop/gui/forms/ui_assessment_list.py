# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'assessment_list.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QTableView, QVBoxLayout, QWidget)

class Ui_AssessmentList(object):
    def setupUi(self, AssessmentList):
        if not AssessmentList.objectName():
            AssessmentList.setObjectName(u"AssessmentList")
        AssessmentList.resize(900, 600)
        self.listLayout = QVBoxLayout(AssessmentList)
        self.listLayout.setObjectName(u"listLayout")
        self.headingLabel = QLabel(AssessmentList)
        self.headingLabel.setObjectName(u"headingLabel")
        self.headingLabel.setProperty(u"role", u"pageTitle")
        self.headingLabel.setWordWrap(True)

        self.listLayout.addWidget(self.headingLabel)

        self.officerLabel = QLabel(AssessmentList)
        self.officerLabel.setObjectName(u"officerLabel")
        self.officerLabel.setProperty(u"role", u"hint")

        self.listLayout.addWidget(self.officerLabel)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.newButton = QPushButton(AssessmentList)
        self.newButton.setObjectName(u"newButton")
        self.newButton.setProperty(u"primary", True)

        self.buttonRow.addWidget(self.newButton)

        self.openButton = QPushButton(AssessmentList)
        self.openButton.setObjectName(u"openButton")

        self.buttonRow.addWidget(self.openButton)

        self.duplicateButton = QPushButton(AssessmentList)
        self.duplicateButton.setObjectName(u"duplicateButton")

        self.buttonRow.addWidget(self.duplicateButton)

        self.deleteButton = QPushButton(AssessmentList)
        self.deleteButton.setObjectName(u"deleteButton")

        self.buttonRow.addWidget(self.deleteButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)


        self.listLayout.addLayout(self.buttonRow)

        self.table = QTableView(AssessmentList)
        self.table.setObjectName(u"table")
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)

        self.listLayout.addWidget(self.table)

        self.emptyLabel = QLabel(AssessmentList)
        self.emptyLabel.setObjectName(u"emptyLabel")
        self.emptyLabel.setProperty(u"role", u"hint")
        self.emptyLabel.setWordWrap(True)

        self.listLayout.addWidget(self.emptyLabel)


        self.retranslateUi(AssessmentList)

        QMetaObject.connectSlotsByName(AssessmentList)
    # setupUi

    def retranslateUi(self, AssessmentList):
        self.newButton.setText(QCoreApplication.translate("AssessmentList", u"&New assessment\u2026", None))
        self.openButton.setText(QCoreApplication.translate("AssessmentList", u"&Open", None))
        self.duplicateButton.setText(QCoreApplication.translate("AssessmentList", u"&Duplicate as next year's draft\u2026", None))
        self.deleteButton.setText(QCoreApplication.translate("AssessmentList", u"De&lete\u2026", None))
        self.emptyLabel.setText(QCoreApplication.translate("AssessmentList", u"No assessment yet. Press \u201cNew assessment\u201d to begin.", None))
        pass
    # retranslateUi

