# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'identity_page.ui'
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
from PySide6.QtWidgets import (QApplication, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QRadioButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget, QWizardPage)

class Ui_IdentityPage(object):
    def setupUi(self, IdentityPage):
        if not IdentityPage.objectName():
            IdentityPage.setObjectName(u"IdentityPage")
        self.identityLayout = QVBoxLayout(IdentityPage)
        self.identityLayout.setObjectName(u"identityLayout")
        self.adviceLabel = QLabel(IdentityPage)
        self.adviceLabel.setObjectName(u"adviceLabel")
        self.adviceLabel.setWordWrap(True)

        self.identityLayout.addWidget(self.adviceLabel)

        self.tokenRadio = QRadioButton(IdentityPage)
        self.tokenRadio.setObjectName(u"tokenRadio")
        self.tokenRadio.setChecked(True)

        self.identityLayout.addWidget(self.tokenRadio)

        self.tokenBox = QWidget(IdentityPage)
        self.tokenBox.setObjectName(u"tokenBox")
        self.tokenForm = QFormLayout(self.tokenBox)
        self.tokenForm.setObjectName(u"tokenForm")
        self.moduleLabel = QLabel(self.tokenBox)
        self.moduleLabel.setObjectName(u"moduleLabel")

        self.tokenForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.moduleLabel)

        self.moduleRow = QHBoxLayout()
        self.moduleRow.setObjectName(u"moduleRow")
        self.moduleEdit = QLineEdit(self.tokenBox)
        self.moduleEdit.setObjectName(u"moduleEdit")

        self.moduleRow.addWidget(self.moduleEdit)

        self.moduleBrowse = QPushButton(self.tokenBox)
        self.moduleBrowse.setObjectName(u"moduleBrowse")

        self.moduleRow.addWidget(self.moduleBrowse)

        self.findTokens = QPushButton(self.tokenBox)
        self.findTokens.setObjectName(u"findTokens")

        self.moduleRow.addWidget(self.findTokens)


        self.tokenForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.moduleRow)

        self.certificateList = QListWidget(self.tokenBox)
        self.certificateList.setObjectName(u"certificateList")
        self.certificateList.setMaximumSize(QSize(16777215, 110))

        self.tokenForm.setWidget(1, QFormLayout.ItemRole.SpanningRole, self.certificateList)


        self.identityLayout.addWidget(self.tokenBox)

        self.fileRadio = QRadioButton(IdentityPage)
        self.fileRadio.setObjectName(u"fileRadio")

        self.identityLayout.addWidget(self.fileRadio)

        self.fileBox = QWidget(IdentityPage)
        self.fileBox.setObjectName(u"fileBox")
        self.fileForm = QFormLayout(self.fileBox)
        self.fileForm.setObjectName(u"fileForm")
        self.fileLabel = QLabel(self.fileBox)
        self.fileLabel.setObjectName(u"fileLabel")

        self.fileForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.fileLabel)

        self.fileRow = QHBoxLayout()
        self.fileRow.setObjectName(u"fileRow")
        self.fileEdit = QLineEdit(self.fileBox)
        self.fileEdit.setObjectName(u"fileEdit")

        self.fileRow.addWidget(self.fileEdit)

        self.fileBrowse = QPushButton(self.fileBox)
        self.fileBrowse.setObjectName(u"fileBrowse")

        self.fileRow.addWidget(self.fileBrowse)


        self.fileForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.fileRow)

        self.filePassLabel = QLabel(self.fileBox)
        self.filePassLabel.setObjectName(u"filePassLabel")

        self.fileForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.filePassLabel)

        self.filePassEdit = QLineEdit(self.fileBox)
        self.filePassEdit.setObjectName(u"filePassEdit")
        self.filePassEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.fileForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.filePassEdit)


        self.identityLayout.addWidget(self.fileBox)

        self.createRadio = QRadioButton(IdentityPage)
        self.createRadio.setObjectName(u"createRadio")

        self.identityLayout.addWidget(self.createRadio)

        self.createBox = QWidget(IdentityPage)
        self.createBox.setObjectName(u"createBox")
        self.createForm = QFormLayout(self.createBox)
        self.createForm.setObjectName(u"createForm")
        self.newPassLabel = QLabel(self.createBox)
        self.newPassLabel.setObjectName(u"newPassLabel")

        self.createForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.newPassLabel)

        self.newPassEdit = QLineEdit(self.createBox)
        self.newPassEdit.setObjectName(u"newPassEdit")
        self.newPassEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.createForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.newPassEdit)

        self.repeatPassLabel = QLabel(self.createBox)
        self.repeatPassLabel.setObjectName(u"repeatPassLabel")

        self.createForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.repeatPassLabel)

        self.repeatPassEdit = QLineEdit(self.createBox)
        self.repeatPassEdit.setObjectName(u"repeatPassEdit")
        self.repeatPassEdit.setEchoMode(QLineEdit.EchoMode.Password)

        self.createForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.repeatPassEdit)

        self.selfMadeLabel = QLabel(self.createBox)
        self.selfMadeLabel.setObjectName(u"selfMadeLabel")
        self.selfMadeLabel.setWordWrap(True)

        self.createForm.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.selfMadeLabel)

        self.lossLabel = QLabel(self.createBox)
        self.lossLabel.setObjectName(u"lossLabel")
        self.lossLabel.setProperty(u"role", u"toCheck")
        self.lossLabel.setWordWrap(True)

        self.createForm.setWidget(3, QFormLayout.ItemRole.SpanningRole, self.lossLabel)


        self.identityLayout.addWidget(self.createBox)

        self.messageLabel = QLabel(IdentityPage)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setProperty(u"role", u"fieldError")
        self.messageLabel.setWordWrap(True)

        self.identityLayout.addWidget(self.messageLabel)

        self.identitySpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.identityLayout.addItem(self.identitySpacer)

#if QT_CONFIG(shortcut)
        self.moduleLabel.setBuddy(self.moduleEdit)
        self.fileLabel.setBuddy(self.fileEdit)
        self.filePassLabel.setBuddy(self.filePassEdit)
        self.newPassLabel.setBuddy(self.newPassEdit)
        self.repeatPassLabel.setBuddy(self.repeatPassEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(IdentityPage)

        QMetaObject.connectSlotsByName(IdentityPage)
    # setupUi

    def retranslateUi(self, IdentityPage):
        IdentityPage.setTitle(QCoreApplication.translate("IdentityPage", u"Your digital signature", None))
        IdentityPage.setSubTitle(QCoreApplication.translate("IdentityPage", u"The submission file is signed with it. The passphrase and the PIN are never stored.", None))
        self.adviceLabel.setText(QCoreApplication.translate("IdentityPage", u"Sign with a certificate issued by a certification authority if you have one: the USB token of the Government CA (Ban C\u01a1 y\u1ebfu Ch\u00ednh ph\u1ee7), VNPT-CA or Viettel-CA, or the PKCS#12 file they issued. A signature made with it is a legally recognised digital signature.", None))
        self.tokenRadio.setText(QCoreApplication.translate("IdentityPage", u"Use the &USB token of a certification authority (recommended)", None))
        self.moduleLabel.setText(QCoreApplication.translate("IdentityPage", u"Token driver:", None))
        self.moduleBrowse.setText(QCoreApplication.translate("IdentityPage", u"Browse\u2026", None))
        self.findTokens.setText(QCoreApplication.translate("IdentityPage", u"Find certificates", None))
        self.fileRadio.setText(QCoreApplication.translate("IdentityPage", u"&Open a certificate file (.p12, .pfx): one issued by a certification authority, or one made earlier", None))
        self.fileLabel.setText(QCoreApplication.translate("IdentityPage", u"File:", None))
        self.fileBrowse.setText(QCoreApplication.translate("IdentityPage", u"Browse\u2026", None))
        self.filePassLabel.setText(QCoreApplication.translate("IdentityPage", u"Passphrase:", None))
        self.filePassEdit.setPlaceholderText(QCoreApplication.translate("IdentityPage", u"to check that the file opens", None))
        self.createRadio.setText(QCoreApplication.translate("IdentityPage", u"&Create a certificate on this computer (when you have none from a certification authority)", None))
        self.newPassLabel.setText(QCoreApplication.translate("IdentityPage", u"Passphrase:", None))
        self.newPassEdit.setPlaceholderText(QCoreApplication.translate("IdentityPage", u"at least 8 characters", None))
        self.repeatPassLabel.setText(QCoreApplication.translate("IdentityPage", u"Repeat it:", None))
        self.selfMadeLabel.setText(QCoreApplication.translate("IdentityPage", u"A certificate made on this computer is recognised only by the reviewers who register it. It is not a legally recognised digital signature.", None))
        self.lossLabel.setText(QCoreApplication.translate("IdentityPage", u"Keep a copy of the identity file (the backup of the data includes it) and remember the passphrase: nobody can recover it. If the file or the passphrase is lost, you must make a new certificate, and the reviewers must register it again.", None))
    # retranslateUi

