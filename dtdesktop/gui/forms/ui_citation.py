# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'citation.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDateEdit, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget)

class Ui_Citation(object):
    def setupUi(self, Citation):
        if not Citation.objectName():
            Citation.setObjectName(u"Citation")
        self.citationLayout = QVBoxLayout(Citation)
        self.citationLayout.setObjectName(u"citationLayout")
        self.citationForm = QFormLayout()
        self.citationForm.setObjectName(u"citationForm")
        self.numberLabel = QLabel(Citation)
        self.numberLabel.setObjectName(u"numberLabel")

        self.citationForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.numberLabel)

        self.numberEdit = QLineEdit(Citation)
        self.numberEdit.setObjectName(u"numberEdit")

        self.citationForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.numberEdit)

        self.dateLabel = QLabel(Citation)
        self.dateLabel.setObjectName(u"dateLabel")

        self.citationForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.dateLabel)

        self.dateEdit = QDateEdit(Citation)
        self.dateEdit.setObjectName(u"dateEdit")
        self.dateEdit.setDisplayFormat(u"dd/MM/yyyy")
        self.dateEdit.setCalendarPopup(True)

        self.citationForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.dateEdit)

        self.summaryLabel = QLabel(Citation)
        self.summaryLabel.setObjectName(u"summaryLabel")

        self.citationForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.summaryLabel)

        self.summaryEdit = QPlainTextEdit(Citation)
        self.summaryEdit.setObjectName(u"summaryEdit")
        self.summaryEdit.setTabChangesFocus(True)

        self.citationForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.summaryEdit)


        self.citationLayout.addLayout(self.citationForm)

        self.errorLabel = QLabel(Citation)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setProperty(u"role", u"fieldError")
        self.errorLabel.setWordWrap(True)

        self.citationLayout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(Citation)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.citationLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.numberLabel.setBuddy(self.numberEdit)
        self.dateLabel.setBuddy(self.dateEdit)
        self.summaryLabel.setBuddy(self.summaryEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(Citation)
        self.buttons.rejected.connect(Citation.reject)

        QMetaObject.connectSlotsByName(Citation)
    # setupUi

    def retranslateUi(self, Citation):
        Citation.setWindowTitle(QCoreApplication.translate("Citation", u"Cite a document", None))
        self.numberLabel.setText(QCoreApplication.translate("Citation", u"Document &number:", None))
        self.numberEdit.setPlaceholderText(QCoreApplication.translate("Citation", u"e.g. 125/Q\u0110-UBND", None))
        self.dateLabel.setText(QCoreApplication.translate("Citation", u"&Date:", None))
        self.summaryLabel.setText(QCoreApplication.translate("Citation", u"&Summary:", None))
        self.summaryEdit.setPlaceholderText(QCoreApplication.translate("Citation", u"What the document is about (tr\u00edch y\u1ebfu)", None))
    # retranslateUi

