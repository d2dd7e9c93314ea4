# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'officer_page.ui'
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
from PySide6.QtWidgets import (QApplication, QComboBox, QFormLayout, QLabel,
    QLineEdit, QSizePolicy, QWidget, QWizardPage)

class Ui_OfficerPage(object):
    def setupUi(self, OfficerPage):
        if not OfficerPage.objectName():
            OfficerPage.setObjectName(u"OfficerPage")
        self.officerForm = QFormLayout(OfficerPage)
        self.officerForm.setObjectName(u"officerForm")
        self.nameLabel = QLabel(OfficerPage)
        self.nameLabel.setObjectName(u"nameLabel")

        self.officerForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(OfficerPage)
        self.nameEdit.setObjectName(u"nameEdit")

        self.officerForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.titleLabel = QLabel(OfficerPage)
        self.titleLabel.setObjectName(u"titleLabel")

        self.officerForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.titleCombo = QComboBox(OfficerPage)
        self.titleCombo.setObjectName(u"titleCombo")
        self.titleCombo.setEditable(True)

        self.officerForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.titleCombo)

        self.capacityLabel = QLabel(OfficerPage)
        self.capacityLabel.setObjectName(u"capacityLabel")

        self.officerForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.capacityLabel)

        self.capacityCombo = QComboBox(OfficerPage)
        self.capacityCombo.setObjectName(u"capacityCombo")

        self.officerForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.capacityCombo)

        self.capacityHint = QLabel(OfficerPage)
        self.capacityHint.setObjectName(u"capacityHint")
        self.capacityHint.setWordWrap(True)

        self.officerForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.capacityHint)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.titleLabel.setBuddy(self.titleCombo)
        self.capacityLabel.setBuddy(self.capacityCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(OfficerPage)

        QMetaObject.connectSlotsByName(OfficerPage)
    # setupUi

    def retranslateUi(self, OfficerPage):
        OfficerPage.setTitle(QCoreApplication.translate("OfficerPage", u"The officer", None))
        OfficerPage.setSubTitle(QCoreApplication.translate("OfficerPage", u"Who makes and signs the assessment; the name and position appear under the signature of the report.", None))
        self.nameLabel.setText(QCoreApplication.translate("OfficerPage", u"Full &name:", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("OfficerPage", u"e.g. Nguy\u1ec5n Th\u1ecb H\u00e0", None))
        self.titleLabel.setText(QCoreApplication.translate("OfficerPage", u"&Position:", None))
        self.capacityLabel.setText(QCoreApplication.translate("OfficerPage", u"&Signs as:", None))
    # retranslateUi

