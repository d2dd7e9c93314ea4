# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'new_assessment.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QSizePolicy, QSpinBox, QVBoxLayout, QWidget)

class Ui_NewAssessment(object):
    def setupUi(self, NewAssessment):
        if not NewAssessment.objectName():
            NewAssessment.setObjectName(u"NewAssessment")
        self.newLayout = QVBoxLayout(NewAssessment)
        self.newLayout.setObjectName(u"newLayout")
        self.newForm = QFormLayout()
        self.newForm.setObjectName(u"newForm")
        self.catalogLabel = QLabel(NewAssessment)
        self.catalogLabel.setObjectName(u"catalogLabel")

        self.newForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.catalogLabel)

        self.catalogCombo = QComboBox(NewAssessment)
        self.catalogCombo.setObjectName(u"catalogCombo")
        self.catalogCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.catalogCombo.setMinimumContentsLength(40)

        self.newForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.catalogCombo)

        self.allCatalogsCheck = QCheckBox(NewAssessment)
        self.allCatalogsCheck.setObjectName(u"allCatalogsCheck")

        self.newForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.allCatalogsCheck)

        self.periodLabel = QLabel(NewAssessment)
        self.periodLabel.setObjectName(u"periodLabel")

        self.newForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.periodLabel)

        self.periodSpin = QSpinBox(NewAssessment)
        self.periodSpin.setObjectName(u"periodSpin")
        self.periodSpin.setMinimum(2000)
        self.periodSpin.setMaximum(2100)
        self.periodSpin.setValue(2025)

        self.newForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.periodSpin)

        self.horizonLabel = QLabel(NewAssessment)
        self.horizonLabel.setObjectName(u"horizonLabel")

        self.newForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.horizonLabel)

        self.horizonCombo = QComboBox(NewAssessment)
        self.horizonCombo.setObjectName(u"horizonCombo")

        self.newForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.horizonCombo)


        self.newLayout.addLayout(self.newForm)

        self.catalogInfo = QLabel(NewAssessment)
        self.catalogInfo.setObjectName(u"catalogInfo")
        self.catalogInfo.setProperty(u"role", u"hint")
        self.catalogInfo.setWordWrap(True)

        self.newLayout.addWidget(self.catalogInfo)

        self.buttons = QDialogButtonBox(NewAssessment)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.newLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.catalogLabel.setBuddy(self.catalogCombo)
        self.periodLabel.setBuddy(self.periodSpin)
        self.horizonLabel.setBuddy(self.horizonCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(NewAssessment)
        self.buttons.rejected.connect(NewAssessment.reject)

        QMetaObject.connectSlotsByName(NewAssessment)
    # setupUi

    def retranslateUi(self, NewAssessment):
        NewAssessment.setWindowTitle(QCoreApplication.translate("NewAssessment", u"New assessment", None))
        self.catalogLabel.setText(QCoreApplication.translate("NewAssessment", u"&Criteria:", None))
        self.allCatalogsCheck.setText(QCoreApplication.translate("NewAssessment", u"Show the criteria sets of &every province", None))
        self.periodLabel.setText(QCoreApplication.translate("NewAssessment", u"&Year assessed:", None))
        self.horizonLabel.setText(QCoreApplication.translate("NewAssessment", u"&Targets of:", None))
    # retranslateUi

