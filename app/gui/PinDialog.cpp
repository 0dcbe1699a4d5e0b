#include "app/gui/PinDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace sohoa::gui {

namespace {

QStringList g_nextAnswers;
int g_asked = 0;
workflows::SecretRequest g_lastRequest;

SecureBuffer toSecure(QString text)
{
    QByteArray bytes = text.toUtf8();
    SecureBuffer secret{QByteArrayView(bytes)};
    bytes.fill('\0');
    text.fill(u'\0');
    return secret;
}

} // namespace

PinDialog::PinDialog(const workflows::SecretRequest &request, QWidget *parent) : QDialog(parent)
{
    using Kind = workflows::SecretRequest::Kind;
    setObjectName(QStringLiteral("pinDialog"));
    setWindowModality(Qt::WindowModal);
    auto *layout = new QVBoxLayout(this);
    auto *prompt = new QLabel(this);
    prompt->setWordWrap(true);
    layout->addWidget(prompt);
    const QString subject = QDir::toNativeSeparators(request.subject);
    switch (request.kind) {
    case Kind::TokenPin:
        setWindowTitle(tr("Token PIN"));
        prompt->setText(request.pinPad ? tr("Type the PIN of the token “%1” on the reader's own keypad, then press "
                                            "Continue. It is asked once for the whole batch.")
                                             .arg(subject)
                                       : tr("PIN of the token “%1”. It is asked once for the whole batch and never "
                                            "stored.")
                                             .arg(subject));
        break;
    case Kind::KeyFilePassword:
        setWindowTitle(tr("Key file password"));
        prompt->setText(tr("Password of the key file %1. It is asked once for the whole batch and never stored.")
                            .arg(QFileInfo(subject).fileName()));
        break;
    case Kind::PdfPassword:
        setWindowTitle(tr("PDF password"));
        prompt->setText((request.retry ? tr("That password does not open %1. Try again, or skip this file.")
                                       : tr("%1 is protected by a password. Type it to sign this file, or skip it."))
                            .arg(QFileInfo(subject).fileName()));
        break;
    }
    m_warning = new QLabel(this);
    m_warning->setObjectName(QStringLiteral("pinWarning"));
    m_warning->setWordWrap(true);
    QPalette warningPalette = m_warning->palette();
    warningPalette.setColor(QPalette::WindowText, QColor(0xb0, 0x1c, 0x1c));
    m_warning->setPalette(warningPalette);
    QFont bold = m_warning->font();
    bold.setBold(true);
    m_warning->setFont(bold);
    if (request.pinFinalTry)
        m_warning->setText(tr("Last try: one more wrong PIN locks the token. If unsure, stop and ask the "
                              "token's holder."));
    else if (request.pinCountLow)
        m_warning->setText(tr("A wrong PIN was entered since the last good one: the token has few tries left."));
    m_warning->setVisible(!m_warning->text().isEmpty());
    layout->addWidget(m_warning);
    if (!request.pinPad) {
        m_secret = new QLineEdit(this);
        m_secret->setObjectName(QStringLiteral("pinField"));
        m_secret->setEchoMode(QLineEdit::Password);
        m_secret->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
        layout->addWidget(m_secret);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(request.kind == Kind::PdfPassword ? tr("Sign this file")
                                                                                    : tr("Continue"));
    buttons->button(QDialogButtonBox::Cancel)->setText(request.kind == Kind::PdfPassword ? tr("Skip this file")
                                                                                        : tr("Stop"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString PinDialog::warningText() const
{
    return m_warning->text();
}

void PinDialog::answer(workflows::Job *job, const workflows::SecretRequest &request, QWidget *parent)
{
    ++g_asked;
    g_lastRequest = request;
    if (!g_nextAnswers.isEmpty()) {
        const QString text = g_nextAnswers.takeFirst();
        if (text.isNull())
            job->declineSecret();
        else
            job->provideSecret(toSecure(text));
        return;
    }
    auto *dialog = new PinDialog(request, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<workflows::Job> guarded(job);
    connect(dialog, &QDialog::finished, dialog, [dialog, guarded](int result) {
        QString text = dialog->m_secret ? dialog->m_secret->text() : QString();
        if (dialog->m_secret)
            dialog->m_secret->clear();
        if (!guarded)
            return;
        if (result == QDialog::Accepted)
            guarded->provideSecret(toSecure(std::move(text)));
        else
            guarded->declineSecret();
    });
    // A job that ends meanwhile (cancelled) takes its dialog with it.
    connect(job, &workflows::Job::finished, dialog, &QDialog::reject);
    dialog->open();
}

void PinDialog::setNextAnswers(const QStringList &answers)
{
    g_nextAnswers = answers;
}

int PinDialog::askedCount()
{
    return g_asked;
}

void PinDialog::resetAskedCount()
{
    g_asked = 0;
}

workflows::SecretRequest PinDialog::lastRequest()
{
    return g_lastRequest;
}

} // namespace sohoa::gui
