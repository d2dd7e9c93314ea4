# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'unit_page.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QFormLayout,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QSizePolicy, QVBoxLayout, QWidget, QWizardPage)

class Ui_UnitPage(object):
    def setupUi(self, UnitPage):
        if not UnitPage.objectName():
            UnitPage.setObjectName(u"UnitPage")
        self.unitLayout = QVBoxLayout(UnitPage)
        self.unitLayout.setObjectName(u"unitLayout")
        self.unitForm = QFormLayout()
        self.unitForm.setObjectName(u"unitForm")
        self.provinceLabel = QLabel(UnitPage)
        self.provinceLabel.setObjectName(u"provinceLabel")

        self.unitForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.provinceLabel)

        self.provinceCombo = QComboBox(UnitPage)
        self.provinceCombo.setObjectName(u"provinceCombo")

        self.unitForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.provinceCombo)

        self.searchLabel = QLabel(UnitPage)
        self.searchLabel.setObjectName(u"searchLabel")

        self.unitForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.searchLabel)

        self.searchEdit = QLineEdit(UnitPage)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.unitForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.searchEdit)


        self.unitLayout.addLayout(self.unitForm)

        self.resultList = QListWidget(UnitPage)
        self.resultList.setObjectName(u"resultList")

        self.unitLayout.addWidget(self.resultList)

        self.oldListCheck = QCheckBox(UnitPage)
        self.oldListCheck.setObjectName(u"oldListCheck")

        self.unitLayout.addWidget(self.oldListCheck)

        self.chosenLabel = QLabel(UnitPage)
        self.chosenLabel.setObjectName(u"chosenLabel")
        self.chosenLabel.setWordWrap(True)

        self.unitLayout.addWidget(self.chosenLabel)

#if QT_CONFIG(shortcut)
        self.provinceLabel.setBuddy(self.provinceCombo)
        self.searchLabel.setBuddy(self.searchEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(UnitPage)

        QMetaObject.connectSlotsByName(UnitPage)
    # setupUi

    def retranslateUi(self, UnitPage):
        UnitPage.setTitle(QCoreApplication.translate("UnitPage", u"Your commune", None))
        UnitPage.setSubTitle(QCoreApplication.translate("UnitPage", u"Choose the province first, then type the commune's name, with or without diacritics.", None))
        self.provinceLabel.setText(QCoreApplication.translate("UnitPage", u"&Province:", None))
        self.searchLabel.setText(QCoreApplication.translate("UnitPage", u"&Commune:", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("UnitPage", u"e.g. hoang hoa, Ho\u1eb1ng Ho\u00e1 or 15865", None))
        self.oldListCheck.setText(QCoreApplication.translate("UnitPage", u"Use the list of units before the 2025 reorganisation (province, district, commune)", None))
    # retranslateUi

