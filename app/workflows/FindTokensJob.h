#pragma once

#include "app/workflows/Job.h"
#include "signing/Pkcs11Module.h"
#include "signing/Pkcs11Session.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace sohoa::workflows {

// A token found in a module, with the certificates it shows before login.
struct FoundToken
{
    QString modulePath;
    signing::TokenInfo token;
    QList<signing::TokenCertificate> certificates;
};

// A module that could not be used, and why (shown, never fatal: other modules may still have the token).
struct ModuleProblem
{
    QString modulePath;
    Error error;
};

// Finds the tokens a clerk may sign with: the modules given (the settings' own, first), then the
// system's module list and the known Vietnamese token drivers (Pkcs11Module::defaultModulePaths).
// A token seen through two modules (p11-kit's proxy and its own driver) is listed once, through the
// first. Loading a vendor's driver can take seconds: a job, never on the GUI thread.
class FindTokensJob : public Job
{
    Q_OBJECT
public:
    explicit FindTokensJob(QStringList extraModules, QObject *parent = nullptr);
    ~FindTokensJob() override;

    // Valid once finished.
    const QList<FoundToken> &tokens() const { return m_tokens; }
    const QList<ModuleProblem> &problems() const { return m_problems; }
    const QStringList &modulesTried() const { return m_tried; }

    // The same work on the calling thread.
    static QList<FoundToken> findNow(const QStringList &extraModules, QList<ModuleProblem> *problems = nullptr,
                                     QStringList *tried = nullptr, const WorkControl *control = nullptr);

protected:
    Error run() override;

private:
    QStringList m_extraModules;
    QList<FoundToken> m_tokens;
    QList<ModuleProblem> m_problems;
    QStringList m_tried;
};

} // namespace sohoa::workflows
