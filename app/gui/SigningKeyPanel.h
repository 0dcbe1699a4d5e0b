#pragma once

#include "app/gui/AppSettings.h"
#include "app/workflows/FindTokensJob.h"
#include "app/workflows/SigningKeyOpener.h"

#include <QGroupBox>
#include <QPointer>

class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace sohoa::gui {

// The key a batch signs with, as the settings remember it (the token by label and serial, the key by
// its certificate; a key file by its path).
workflows::KeySource keySourceOf(const SigningSettings &settings);

// The signing desk's key: a USB token (found by workflows::FindTokensJob through the settings'
// modules, p11-kit's list and the Vietnamese token drivers; its certificates read before any PIN) or
// a .p12 file. Shows the chosen certificate's holder, issuer, validity and key usage, and warns when
// it expires within 30 days, is not for signing, or the token reports few PIN tries, the last one,
// or a locked PIN. The choice is written to `signing` and the settings at once (never a PIN).
class SigningKeyPanel : public QGroupBox
{
    Q_OBJECT
public:
    SigningKeyPanel(AppSettings &settings, SigningSettings &signing, QWidget *parent = nullptr);
    ~SigningKeyPanel() override;

    // Looks for tokens again (the settings' modules first); tokensFound() when done.
    void refreshTokens();
    void useToken(int index);
    void useKeyFile(const QString &p12Path);
    bool usesToken() const;
    // The certificate shown (a token's chosen one, or the key file's once opened) and its warnings.
    void showCertificate(const QByteArray &der, const signing::TokenInfo *token);
    QList<workflows::FoundToken> tokens() const { return m_tokens; }
    QString certificateText() const;
    QString keyWarning() const;

Q_SIGNALS:
    void tokensFound();
    void keyChanged();

private:
    void readKey();

    AppSettings &m_settings;
    SigningSettings &m_signing;
    QRadioButton *m_useToken, *m_useFile;
    QComboBox *m_tokenBox, *m_certBox;
    QLineEdit *m_p12;
    QLabel *m_certInfo, *m_keyWarning;
    QList<workflows::FoundToken> m_tokens;
    QPointer<workflows::FindTokensJob> m_findJob;
};

} // namespace sohoa::gui
