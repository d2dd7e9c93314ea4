# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sign_dialog.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QDateEdit, QDialog,
    QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
    QProgressBar, QPushButton, QSizePolicy, QSpacerItem,
    QStackedWidget, QVBoxLayout, QWidget)

class Ui_SignDialog(object):
    def setupUi(self, SignDialog):
        if not SignDialog.objectName():
            SignDialog.setObjectName(u"SignDialog")
        SignDialog.resize(760, 620)
        self.signLayout = QVBoxLayout(SignDialog)
        self.signLayout.setObjectName(u"signLayout")
        self.pages = QStackedWidget(SignDialog)
        self.pages.setObjectName(u"pages")
        self.checkPage = QWidget()
        self.checkPage.setObjectName(u"checkPage")
        self.checkLayout = QVBoxLayout(self.checkPage)
        self.checkLayout.setObjectName(u"checkLayout")
        self.summaryLabel = QLabel(self.checkPage)
        self.summaryLabel.setObjectName(u"summaryLabel")
        self.summaryLabel.setProperty(u"role", u"pageTitle")
        self.summaryLabel.setWordWrap(True)

        self.checkLayout.addWidget(self.summaryLabel)

        self.problemsHint = QLabel(self.checkPage)
        self.problemsHint.setObjectName(u"problemsHint")
        self.problemsHint.setProperty(u"role", u"hint")
        self.problemsHint.setWordWrap(True)

        self.checkLayout.addWidget(self.problemsHint)

        self.problemList = QListWidget(self.checkPage)
        self.problemList.setObjectName(u"problemList")

        self.checkLayout.addWidget(self.problemList)

        self.documentBox = QGroupBox(self.checkPage)
        self.documentBox.setObjectName(u"documentBox")
        self.documentForm = QFormLayout(self.documentBox)
        self.documentForm.setObjectName(u"documentForm")
        self.numberLabel = QLabel(self.documentBox)
        self.numberLabel.setObjectName(u"numberLabel")

        self.documentForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.numberLabel)

        self.numberEdit = QLineEdit(self.documentBox)
        self.numberEdit.setObjectName(u"numberEdit")

        self.documentForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.numberEdit)

        self.dateLabel = QLabel(self.documentBox)
        self.dateLabel.setObjectName(u"dateLabel")

        self.documentForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.dateLabel)

        self.dateEdit = QDateEdit(self.documentBox)
        self.dateEdit.setObjectName(u"dateEdit")
        self.dateEdit.setDisplayFormat(u"dd/MM/yyyy")
        self.dateEdit.setCalendarPopup(True)

        self.documentForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.dateEdit)

        self.recipientsLabel = QLabel(self.documentBox)
        self.recipientsLabel.setObjectName(u"recipientsLabel")

        self.documentForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.recipientsLabel)

        self.recipientsEdit = QPlainTextEdit(self.documentBox)
        self.recipientsEdit.setObjectName(u"recipientsEdit")
        self.recipientsEdit.setTabChangesFocus(True)
        self.recipientsEdit.setMaximumSize(QSize(16777215, 70))

        self.documentForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.recipientsEdit)

        self.languageLabel = QLabel(self.documentBox)
        self.languageLabel.setObjectName(u"languageLabel")

        self.documentForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.languageLabel)

        self.languageCombo = QComboBox(self.documentBox)
        self.languageCombo.setObjectName(u"languageCombo")

        self.documentForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.languageCombo)

        self.outputLabel = QLabel(self.documentBox)
        self.outputLabel.setObjectName(u"outputLabel")

        self.documentForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.outputLabel)

        self.outputRow = QHBoxLayout()
        self.outputRow.setObjectName(u"outputRow")
        self.outputEdit = QLineEdit(self.documentBox)
        self.outputEdit.setObjectName(u"outputEdit")

        self.outputRow.addWidget(self.outputEdit)

        self.browseButton = QPushButton(self.documentBox)
        self.browseButton.setObjectName(u"browseButton")

        self.outputRow.addWidget(self.browseButton)


        self.documentForm.setLayout(4, QFormLayout.ItemRole.FieldRole, self.outputRow)


        self.checkLayout.addWidget(self.documentBox)

        self.signerBox = QGroupBox(self.checkPage)
        self.signerBox.setObjectName(u"signerBox")
        self.signerForm = QFormLayout(self.signerBox)
        self.signerForm.setObjectName(u"signerForm")
        self.signerCaption = QLabel(self.signerBox)
        self.signerCaption.setObjectName(u"signerCaption")

        self.signerForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.signerCaption)

        self.signerLabel = QLabel(self.signerBox)
        self.signerLabel.setObjectName(u"signerLabel")
        self.signerLabel.setWordWrap(True)

        self.signerForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.signerLabel)

        self.secretLabel = QLabel(self.signerBox)
        self.secretLabel.setObjectName(u"secretLabel")

        self.signerForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.secretLabel)

        self.secretEdit = QLineEdit(self.signerBox)
        self.secretEdit.setObjectName(u"secretEdit")
        self.secretEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.signerForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.secretEdit)


        self.checkLayout.addWidget(self.signerBox)

        self.errorLabel = QLabel(self.checkPage)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setProperty(u"role", u"fieldError")
        self.errorLabel.setWordWrap(True)

        self.checkLayout.addWidget(self.errorLabel)

        self.checkButtons = QHBoxLayout()
        self.checkButtons.setObjectName(u"checkButtons")
        self.checkSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.checkButtons.addItem(self.checkSpacer)

        self.closeCheckButton = QPushButton(self.checkPage)
        self.closeCheckButton.setObjectName(u"closeCheckButton")

        self.checkButtons.addWidget(self.closeCheckButton)

        self.signButton = QPushButton(self.checkPage)
        self.signButton.setObjectName(u"signButton")
        self.signButton.setProperty(u"primary", True)

        self.checkButtons.addWidget(self.signButton)


        self.checkLayout.addLayout(self.checkButtons)

        self.pages.addWidget(self.checkPage)
        self.progressPage = QWidget()
        self.progressPage.setObjectName(u"progressPage")
        self.progressLayout = QVBoxLayout(self.progressPage)
        self.progressLayout.setObjectName(u"progressLayout")
        self.progressTop = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.progressLayout.addItem(self.progressTop)

        self.stepLabel = QLabel(self.progressPage)
        self.stepLabel.setObjectName(u"stepLabel")
        self.stepLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.progressLayout.addWidget(self.stepLabel)

        self.progressBar = QProgressBar(self.progressPage)
        self.progressBar.setObjectName(u"progressBar")
        self.progressBar.setValue(0)

        self.progressLayout.addWidget(self.progressBar)

        self.progressButtons = QHBoxLayout()
        self.progressButtons.setObjectName(u"progressButtons")
        self.progressSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.progressButtons.addItem(self.progressSpacer)

        self.cancelButton = QPushButton(self.progressPage)
        self.cancelButton.setObjectName(u"cancelButton")

        self.progressButtons.addWidget(self.cancelButton)


        self.progressLayout.addLayout(self.progressButtons)

        self.progressBottom = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.progressLayout.addItem(self.progressBottom)

        self.pages.addWidget(self.progressPage)
        self.donePage = QWidget()
        self.donePage.setObjectName(u"donePage")
        self.doneLayout = QVBoxLayout(self.donePage)
        self.doneLayout.setObjectName(u"doneLayout")
        self.doneTitle = QLabel(self.donePage)
        self.doneTitle.setObjectName(u"doneTitle")
        self.doneTitle.setProperty(u"role", u"pageTitle")

        self.doneLayout.addWidget(self.doneTitle)

        self.doneLabel = QLabel(self.donePage)
        self.doneLabel.setObjectName(u"doneLabel")
        self.doneLabel.setWordWrap(True)
        self.doneLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.doneLayout.addWidget(self.doneLabel)

        self.doneButtons = QHBoxLayout()
        self.doneButtons.setObjectName(u"doneButtons")
        self.openFileButton = QPushButton(self.donePage)
        self.openFileButton.setObjectName(u"openFileButton")

        self.doneButtons.addWidget(self.openFileButton)

        self.printButton = QPushButton(self.donePage)
        self.printButton.setObjectName(u"printButton")

        self.doneButtons.addWidget(self.printButton)

        self.folderButton = QPushButton(self.donePage)
        self.folderButton.setObjectName(u"folderButton")

        self.doneButtons.addWidget(self.folderButton)

        self.doneSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.doneButtons.addItem(self.doneSpacer)

        self.closeButton = QPushButton(self.donePage)
        self.closeButton.setObjectName(u"closeButton")
        self.closeButton.setProperty(u"primary", True)

        self.doneButtons.addWidget(self.closeButton)


        self.doneLayout.addLayout(self.doneButtons)

        self.doneBottom = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.doneLayout.addItem(self.doneBottom)

        self.pages.addWidget(self.donePage)

        self.signLayout.addWidget(self.pages)

#if QT_CONFIG(shortcut)
        self.numberLabel.setBuddy(self.numberEdit)
        self.dateLabel.setBuddy(self.dateEdit)
        self.recipientsLabel.setBuddy(self.recipientsEdit)
        self.languageLabel.setBuddy(self.languageCombo)
        self.outputLabel.setBuddy(self.outputEdit)
        self.secretLabel.setBuddy(self.secretEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SignDialog)

        QMetaObject.connectSlotsByName(SignDialog)
    # setupUi

    def retranslateUi(self, SignDialog):
        SignDialog.setWindowTitle(QCoreApplication.translate("SignDialog", u"Sign and send", None))
        self.problemsHint.setText(QCoreApplication.translate("SignDialog", u"Double-click a line (or press Enter) to go to that indicator. You can still sign with items missing or not met; the report shows them as they are.", None))
        self.documentBox.setTitle(QCoreApplication.translate("SignDialog", u"The report", None))
        self.numberLabel.setText(QCoreApplication.translate("SignDialog", u"Document &number:", None))
        self.numberEdit.setPlaceholderText(QCoreApplication.translate("SignDialog", u"e.g. 15/BC-UBND (left blank: a dotted line)", None))
        self.dateLabel.setText(QCoreApplication.translate("SignDialog", u"D&ate:", None))
        self.recipientsLabel.setText(QCoreApplication.translate("SignDialog", u"&Recipients:", None))
        self.languageLabel.setText(QCoreApplication.translate("SignDialog", u"Report &language:", None))
        self.outputLabel.setText(QCoreApplication.translate("SignDialog", u"&Save as:", None))
        self.browseButton.setText(QCoreApplication.translate("SignDialog", u"Choose\u2026", None))
        self.signerBox.setTitle(QCoreApplication.translate("SignDialog", u"Signature", None))
        self.signerCaption.setText(QCoreApplication.translate("SignDialog", u"Signed by:", None))
        self.secretLabel.setText(QCoreApplication.translate("SignDialog", u"Passphrase:", None))
        self.closeCheckButton.setText(QCoreApplication.translate("SignDialog", u"Close", None))
        self.signButton.setText(QCoreApplication.translate("SignDialog", u"&Sign and save", None))
        self.cancelButton.setText(QCoreApplication.translate("SignDialog", u"Cancel", None))
        self.doneTitle.setText(QCoreApplication.translate("SignDialog", u"The signed file is ready", None))
        self.openFileButton.setText(QCoreApplication.translate("SignDialog", u"&Open in PDF viewer", None))
        self.printButton.setText(QCoreApplication.translate("SignDialog", u"&Print\u2026", None))
        self.folderButton.setText(QCoreApplication.translate("SignDialog", u"Show in &folder", None))
        self.closeButton.setText(QCoreApplication.translate("SignDialog", u"Close", None))
    # retranslateUi

