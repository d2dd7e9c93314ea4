# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'indicator_panel.ui'
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
from PySide6.QtWidgets import (QApplication, QGridLayout, QGroupBox, QHBoxLayout,
    QLabel, QListWidget, QListWidgetItem, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_IndicatorPanel(object):
    def setupUi(self, IndicatorPanel):
        if not IndicatorPanel.objectName():
            IndicatorPanel.setObjectName(u"IndicatorPanel")
        IndicatorPanel.resize(640, 720)
        self.panelLayout = QVBoxLayout(IndicatorPanel)
        self.panelLayout.setSpacing(8)
        self.panelLayout.setObjectName(u"panelLayout")
        self.headingLayout = QHBoxLayout()
        self.headingLayout.setObjectName(u"headingLayout")
        self.codeLabel = QLabel(IndicatorPanel)
        self.codeLabel.setObjectName(u"codeLabel")
        self.codeLabel.setProperty(u"role", u"indicatorCode")
        self.codeLabel.setText(u"CQS.01")

        self.headingLayout.addWidget(self.codeLabel)

        self.mandatoryLabel = QLabel(IndicatorPanel)
        self.mandatoryLabel.setObjectName(u"mandatoryLabel")

        self.headingLayout.addWidget(self.mandatoryLabel)

        self.headingSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headingLayout.addItem(self.headingSpacer)

        self.pointsLabel = QLabel(IndicatorPanel)
        self.pointsLabel.setObjectName(u"pointsLabel")
        self.pointsLabel.setText(u"0/10")

        self.headingLayout.addWidget(self.pointsLabel)


        self.panelLayout.addLayout(self.headingLayout)

        self.titleLabel = QLabel(IndicatorPanel)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"indicatorTitle")
        self.titleLabel.setWordWrap(True)
        self.titleLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.panelLayout.addWidget(self.titleLabel)

        self.guidanceLabel = QLabel(IndicatorPanel)
        self.guidanceLabel.setObjectName(u"guidanceLabel")
        self.guidanceLabel.setWordWrap(True)
        self.guidanceLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.panelLayout.addWidget(self.guidanceLabel)

        self.reviewLabel = QLabel(IndicatorPanel)
        self.reviewLabel.setObjectName(u"reviewLabel")
        self.reviewLabel.setProperty(u"role", u"reviewComment")
        self.reviewLabel.setWordWrap(True)

        self.panelLayout.addWidget(self.reviewLabel)

        self.toCheckRow = QWidget(IndicatorPanel)
        self.toCheckRow.setObjectName(u"toCheckRow")
        self.toCheckLayout = QHBoxLayout(self.toCheckRow)
        self.toCheckLayout.setObjectName(u"toCheckLayout")
        self.toCheckLayout.setContentsMargins(0, 0, 0, 0)
        self.toCheckLabel = QLabel(self.toCheckRow)
        self.toCheckLabel.setObjectName(u"toCheckLabel")
        self.toCheckLabel.setProperty(u"role", u"toCheck")
        self.toCheckLabel.setWordWrap(True)

        self.toCheckLayout.addWidget(self.toCheckLabel)

        self.checkedButton = QPushButton(self.toCheckRow)
        self.checkedButton.setObjectName(u"checkedButton")

        self.toCheckLayout.addWidget(self.checkedButton)


        self.panelLayout.addWidget(self.toCheckRow)

        self.answerBox = QGroupBox(IndicatorPanel)
        self.answerBox.setObjectName(u"answerBox")
        self.answerLayout = QVBoxLayout(self.answerBox)
        self.answerLayout.setObjectName(u"answerLayout")
        self.inputHost = QWidget(self.answerBox)
        self.inputHost.setObjectName(u"inputHost")
        self.inputHostLayout = QVBoxLayout(self.inputHost)
        self.inputHostLayout.setObjectName(u"inputHostLayout")
        self.inputHostLayout.setContentsMargins(0, 0, 0, 0)

        self.answerLayout.addWidget(self.inputHost)

        self.errorLabel = QLabel(self.answerBox)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setProperty(u"role", u"fieldError")
        self.errorLabel.setWordWrap(True)

        self.answerLayout.addWidget(self.errorLabel)

        self.targetLayout = QHBoxLayout()
        self.targetLayout.setObjectName(u"targetLayout")
        self.targetLabel = QLabel(self.answerBox)
        self.targetLabel.setObjectName(u"targetLabel")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.targetLabel.sizePolicy().hasHeightForWidth())
        self.targetLabel.setSizePolicy(sizePolicy)
        self.targetLabel.setWordWrap(True)

        self.targetLayout.addWidget(self.targetLabel)

        self.clearButton = QPushButton(self.answerBox)
        self.clearButton.setObjectName(u"clearButton")

        self.targetLayout.addWidget(self.clearButton)


        self.answerLayout.addLayout(self.targetLayout)

        self.targetOriginLabel = QLabel(self.answerBox)
        self.targetOriginLabel.setObjectName(u"targetOriginLabel")
        self.targetOriginLabel.setProperty(u"role", u"hint")
        self.targetOriginLabel.setWordWrap(True)

        self.answerLayout.addWidget(self.targetOriginLabel)


        self.panelLayout.addWidget(self.answerBox)

        self.noteBox = QGroupBox(IndicatorPanel)
        self.noteBox.setObjectName(u"noteBox")
        self.noteLayout = QVBoxLayout(self.noteBox)
        self.noteLayout.setObjectName(u"noteLayout")
        self.noteEdit = QPlainTextEdit(self.noteBox)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setTabChangesFocus(True)
        self.noteEdit.setMaximumSize(QSize(16777215, 64))

        self.noteLayout.addWidget(self.noteEdit)


        self.panelLayout.addWidget(self.noteBox)

        self.evidenceBox = QGroupBox(IndicatorPanel)
        self.evidenceBox.setObjectName(u"evidenceBox")
        self.evidenceLayout = QVBoxLayout(self.evidenceBox)
        self.evidenceLayout.setObjectName(u"evidenceLayout")
        self.evidenceHintLabel = QLabel(self.evidenceBox)
        self.evidenceHintLabel.setObjectName(u"evidenceHintLabel")
        self.evidenceHintLabel.setProperty(u"role", u"hint")
        self.evidenceHintLabel.setWordWrap(True)

        self.evidenceLayout.addWidget(self.evidenceHintLabel)

        self.evidenceList = QListWidget(self.evidenceBox)
        self.evidenceList.setObjectName(u"evidenceList")
        self.evidenceList.setMinimumSize(QSize(0, 56))
        self.evidenceList.setMaximumSize(QSize(16777215, 96))

        self.evidenceLayout.addWidget(self.evidenceList)

        self.evidenceButtons = QGridLayout()
        self.evidenceButtons.setObjectName(u"evidenceButtons")
        self.addFileButton = QPushButton(self.evidenceBox)
        self.addFileButton.setObjectName(u"addFileButton")

        self.evidenceButtons.addWidget(self.addFileButton, 0, 0, 1, 1)

        self.citeButton = QPushButton(self.evidenceBox)
        self.citeButton.setObjectName(u"citeButton")

        self.evidenceButtons.addWidget(self.citeButton, 0, 1, 1, 1)

        self.openEvidenceButton = QPushButton(self.evidenceBox)
        self.openEvidenceButton.setObjectName(u"openEvidenceButton")

        self.evidenceButtons.addWidget(self.openEvidenceButton, 1, 0, 1, 1)

        self.removeEvidenceButton = QPushButton(self.evidenceBox)
        self.removeEvidenceButton.setObjectName(u"removeEvidenceButton")

        self.evidenceButtons.addWidget(self.removeEvidenceButton, 1, 1, 1, 1)

        self.evidenceSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.evidenceButtons.addItem(self.evidenceSpacer, 0, 2, 2, 1)


        self.evidenceLayout.addLayout(self.evidenceButtons)


        self.panelLayout.addWidget(self.evidenceBox)

        self.sourceLabel = QLabel(IndicatorPanel)
        self.sourceLabel.setObjectName(u"sourceLabel")
        self.sourceLabel.setProperty(u"role", u"hint")
        self.sourceLabel.setWordWrap(True)
        self.sourceLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.panelLayout.addWidget(self.sourceLabel)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.panelLayout.addItem(self.bottomSpacer)


        self.retranslateUi(IndicatorPanel)

        QMetaObject.connectSlotsByName(IndicatorPanel)
    # setupUi

    def retranslateUi(self, IndicatorPanel):
        self.mandatoryLabel.setText(QCoreApplication.translate("IndicatorPanel", u"Mandatory", None))
        self.toCheckLabel.setText(QCoreApplication.translate("IndicatorPanel", u"Carried over from last year's assessment: check that it still holds.", None))
        self.checkedButton.setText(QCoreApplication.translate("IndicatorPanel", u"Still holds", None))
#if QT_CONFIG(tooltip)
        self.checkedButton.setToolTip(QCoreApplication.translate("IndicatorPanel", u"Keep this answer for this year (Ctrl+K)", None))
#endif // QT_CONFIG(tooltip)
        self.answerBox.setTitle(QCoreApplication.translate("IndicatorPanel", u"Answer", None))
        self.clearButton.setText(QCoreApplication.translate("IndicatorPanel", u"Clear answer", None))
        self.noteBox.setTitle(QCoreApplication.translate("IndicatorPanel", u"Note", None))
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("IndicatorPanel", u"How the figure was obtained, who confirmed it\u2026", None))
        self.evidenceBox.setTitle(QCoreApplication.translate("IndicatorPanel", u"Evidence", None))
        self.addFileButton.setText(QCoreApplication.translate("IndicatorPanel", u"Add file\u2026", None))
        self.citeButton.setText(QCoreApplication.translate("IndicatorPanel", u"Cite a document\u2026", None))
        self.openEvidenceButton.setText(QCoreApplication.translate("IndicatorPanel", u"Open", None))
        self.removeEvidenceButton.setText(QCoreApplication.translate("IndicatorPanel", u"Remove", None))
        pass
    # retranslateUi

