#include "app/gui/SigningKeyPanel.h"

#include "app/gui/Icons.h"
#include "signing/CertificateInfo.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>

namespace sohoa::gui {

namespace {

constexpr int kExpiryWarningDays = 30;

} // namespace

workflows::KeySource keySourceOf(const SigningSettings &s)
{
    if (s.keyKind == u"p12")
        return workflows::KeySource::pkcs12(s.p12Path);
    workflows::KeySource key;
    key.kind = workflows::KeySource::Kind::Pkcs11Token;
    key.modulePath = s.modulePath;
    key.token = signing::TokenSelector{s.tokenLabel, s.tokenSerial};
    key.key.certificateDer = s.certificateDer;
    return key;
}

SigningKeyPanel::SigningKeyPanel(AppSettings &settings, SigningSettings &signing, QWidget *parent)
    : QGroupBox(tr("Key"), parent), m_settings(settings), m_signing(signing)
{
    setObjectName(QStringLiteral("signingKey"));
    QWidget *box = this;
    m_useToken = new QRadioButton(tr("USB &token"), box);
    m_useFile = new QRadioButton(tr("Key &file (.p12)"), box);
    m_tokenBox = new QComboBox(box);
    m_tokenBox->setObjectName(QStringLiteral("tokenBox"));
    m_certBox = new QComboBox(box);
    m_certBox->setObjectName(QStringLiteral("certificateBox"));
    auto *refresh = new QPushButton(Icons::get(QStringLiteral("redetect")), tr("Look again"), box);
    refresh->setToolTip(tr("Look for tokens again (after plugging one in)"));
    auto *addModule = new QPushButton(tr("Add driver…"), box);
    addModule->setToolTip(tr("Add the PKCS#11 library of a token the system does not list"));
    m_p12 = new QLineEdit(m_signing.p12Path, box);
    m_p12->setObjectName(QStringLiteral("p12Path"));
    auto *browse = new QPushButton(tr("Browse…"), box);
    m_certInfo = new QLabel(box);
    m_certInfo->setObjectName(QStringLiteral("certificateInfo"));
    m_certInfo->setWordWrap(true);
    m_certInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_keyWarning = new QLabel(box);
    m_keyWarning->setObjectName(QStringLiteral("keyWarning"));
    m_keyWarning->setWordWrap(true);
    QPalette warning = m_keyWarning->palette();
    warning.setColor(QPalette::WindowText, QColor(0xb0, 0x1c, 0x1c));
    m_keyWarning->setPalette(warning);
    QFont bold = m_keyWarning->font();
    bold.setBold(true);
    m_keyWarning->setFont(bold);

    auto *form = new QGridLayout(box);
    form->addWidget(m_useToken, 0, 0);
    form->addWidget(m_tokenBox, 0, 1);
    form->addWidget(refresh, 0, 2);
    form->addWidget(addModule, 0, 3);
    form->addWidget(new QLabel(tr("Certificate:"), box), 1, 0, Qt::AlignRight);
    form->addWidget(m_certBox, 1, 1, 1, 3);
    form->addWidget(m_useFile, 2, 0);
    form->addWidget(m_p12, 2, 1, 1, 2);
    form->addWidget(browse, 2, 3);
    form->addWidget(m_certInfo, 3, 0, 1, 4);
    form->addWidget(m_keyWarning, 4, 0, 1, 4);
    form->setColumnStretch(1, 1);

    connect(m_useToken, &QRadioButton::toggled, this, &SigningKeyPanel::readKey);
    connect(refresh, &QPushButton::clicked, this, &SigningKeyPanel::refreshTokens);
    connect(addModule, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("PKCS#11 library of the token"),
                                                          QStringLiteral("/usr/lib"), tr("Libraries (*.so *.so.*)"));
        if (file.isEmpty())
            return;
        if (!m_signing.extraModules.contains(file))
            m_signing.extraModules.prepend(file);
        m_settings.setSigning(m_signing);
        refreshTokens();
    });
    connect(m_tokenBox, &QComboBox::currentIndexChanged, this, [this](int index) { useToken(index); });
    connect(m_certBox, &QComboBox::currentIndexChanged, this, &SigningKeyPanel::readKey);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Key file"), QFileInfo(m_p12->text()).path(),
                                                          tr("PKCS#12 key files (*.p12 *.pfx)"));
        if (!file.isEmpty())
            useKeyFile(file);
    });
    connect(m_p12, &QLineEdit::editingFinished, this, &SigningKeyPanel::readKey);

    if (m_signing.keyKind == u"p12")
        m_useFile->setChecked(true);
    else
        m_useToken->setChecked(true);
    readKey();
    refreshTokens();
}

SigningKeyPanel::~SigningKeyPanel()
{
    if (m_findJob)
        m_findJob->cancel();
}

bool SigningKeyPanel::usesToken() const
{
    return m_useToken->isChecked();
}


void SigningKeyPanel::refreshTokens()
{
    if (m_findJob)
        return;
    auto *job = new workflows::FindTokensJob(m_signing.extraModules, this);
    m_findJob = job;
    m_tokenBox->setEnabled(false);
    connect(job, &workflows::Job::finished, this, [this, job] {
        job->deleteLater();
        m_findJob = nullptr;
        m_tokens = job->tokens();
        const QSignalBlocker blocker(m_tokenBox);
        m_tokenBox->clear();
        int chosen = -1;
        for (int i = 0; i < m_tokens.size(); ++i) {
            const auto &t = m_tokens.at(i).token;
            m_tokenBox->addItem(t.label + QStringLiteral(" — ") + t.manufacturer + u' ' + t.model);
            if (t.label == m_signing.tokenLabel && (m_signing.tokenSerial.isEmpty() || t.serial == m_signing.tokenSerial))
                chosen = i;
        }
        if (m_tokens.isEmpty())
            m_tokenBox->addItem(tr("No token found (plug it in, then “Look again”)"));
        m_tokenBox->setEnabled(!m_tokens.isEmpty());
        useToken(chosen >= 0 ? chosen : 0);
        Q_EMIT tokensFound();
    });
    job->start();
}

void SigningKeyPanel::useToken(int index)
{
    {
        const QSignalBlocker blocker(m_certBox);
        m_certBox->clear();
        if (index >= 0 && index < m_tokens.size()) {
            if (m_tokenBox->currentIndex() != index) {
                const QSignalBlocker b2(m_tokenBox);
                m_tokenBox->setCurrentIndex(index);
            }
            int chosen = 0;
            const auto &certs = m_tokens.at(index).certificates;
            for (int i = 0; i < certs.size(); ++i) {
                auto info = signing::CertificateInfo::parse(certs.at(i).der);
                m_certBox->addItem(info ? tr("%1 — until %2")
                                              .arg(info->subjectCommonName,
                                                   QLocale().toString(info->notAfter.toLocalTime().date(),
                                                                      QLocale::ShortFormat))
                                        : certs.at(i).label);
                if (certs.at(i).der == m_signing.certificateDer)
                    chosen = i;
            }
            m_certBox->setCurrentIndex(chosen);
        }
    }
    readKey();
}

void SigningKeyPanel::useKeyFile(const QString &p12Path)
{
    m_p12->setText(p12Path);
    m_useFile->setChecked(true);
    readKey();
}

void SigningKeyPanel::readKey()
{
    const bool token = m_useToken->isChecked();
    m_tokenBox->setEnabled(token && !m_tokens.isEmpty());
    m_certBox->setEnabled(token);
    m_p12->setEnabled(!token);
    m_signing.keyKind = token ? QStringLiteral("token") : QStringLiteral("p12");
    m_signing.p12Path = m_p12->text().trimmed();
    const int t = m_tokenBox->currentIndex();
    const signing::TokenInfo *info = nullptr;
    QByteArray der;
    if (token && t >= 0 && t < m_tokens.size()) {
        const auto &found = m_tokens.at(t);
        info = &found.token;
        m_signing.modulePath = found.modulePath;
        m_signing.tokenLabel = found.token.label;
        m_signing.tokenSerial = found.token.serial;
        const int c = m_certBox->currentIndex();
        if (c >= 0 && c < found.certificates.size())
            der = found.certificates.at(c).der;
        m_signing.certificateDer = der;
    }
    m_settings.setSigning(m_signing); // the key, never its PIN
    if (token)
        showCertificate(der, info);
    else
        showCertificate({}, nullptr);
    Q_EMIT keyChanged();
}

void SigningKeyPanel::showCertificate(const QByteArray &der, const signing::TokenInfo *token)
{
    QStringList warnings;
    if (token) {
        if (token->pinLocked)
            warnings << tr("The token's PIN is locked: it cannot sign until it is unlocked with its PUK (ask "
                           "the certificate provider).");
        else if (token->pinFinalTry)
            warnings << tr("The token allows one more PIN try: a wrong PIN now locks it.");
        else if (token->pinCountLow)
            warnings << tr("The token reports a wrong PIN since the last good one: few tries are left.");
    }
    if (der.isEmpty()) {
        m_certInfo->setText(m_useFile->isChecked()
                                ? tr("The key file's certificate is shown once its password opened it.")
                                : tr("No certificate chosen."));
    } else if (auto info = signing::CertificateInfo::parse(der); !info) {
        m_certInfo->setText(info.error().message());
    } else {
        QStringList usage;
        if (!info->hasKeyUsage)
            usage << tr("any");
        if (info->digitalSignature)
            usage << tr("digital signature");
        if (info->nonRepudiation)
            usage << tr("non-repudiation");
        const QLocale l;
        m_certInfo->setText(tr("Holder: %1\nIssuer: %2\nValid: %3 – %4\nKey usage: %5")
                                .arg(info->subjectDn, info->issuerDn,
                                     l.toString(info->notBefore.toLocalTime(), QLocale::ShortFormat),
                                     l.toString(info->notAfter.toLocalTime(), QLocale::ShortFormat),
                                     usage.join(QStringLiteral(", "))));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (info->notAfter < now)
            warnings << tr("The certificate expired on %1: signatures made with it are not valid.")
                            .arg(l.toString(info->notAfter.toLocalTime().date(), QLocale::ShortFormat));
        else if (now.daysTo(info->notAfter) <= kExpiryWarningDays)
            warnings << tr("The certificate expires in %n day(s): ask the provider to renew it.", nullptr,
                           int(now.daysTo(info->notAfter)));
        if (info->hasKeyUsage && !info->digitalSignature && !info->nonRepudiation)
            warnings << tr("The certificate is not for signing (its key usage allows neither digital "
                           "signature nor non-repudiation).");
    }
    m_keyWarning->setText(warnings.join(u'\n'));
    m_keyWarning->setVisible(!warnings.isEmpty());
}

QString SigningKeyPanel::certificateText() const
{
    return m_certInfo->text();
}

QString SigningKeyPanel::keyWarning() const
{
    return m_keyWarning->text();
}

} // namespace sohoa::gui
