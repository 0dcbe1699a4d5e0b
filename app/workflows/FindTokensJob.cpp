#include "app/workflows/FindTokensJob.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSet>

namespace sohoa::workflows {

using namespace sohoa::signing;

FindTokensJob::FindTokensJob(QStringList extraModules, QObject *parent)
    : Job(parent), m_extraModules(std::move(extraModules))
{
}

FindTokensJob::~FindTokensJob()
{
    stop();
}

QList<FoundToken> FindTokensJob::findNow(const QStringList &extraModules, QList<ModuleProblem> *problems,
                                         QStringList *tried, const WorkControl *control)
{
    QStringList modules;
    QSet<QString> seenModules;
    for (const QString &m : extraModules + Pkcs11Module::defaultModulePaths()) {
        const QString canonical = QFileInfo(m).canonicalFilePath();
        const QString key = canonical.isEmpty() ? m : canonical;
        if (m.isEmpty() || seenModules.contains(key))
            continue;
        seenModules.insert(key);
        modules.append(m);
    }
    QList<FoundToken> found;
    QSet<QString> seenTokens;
    for (const QString &path : std::as_const(modules)) {
        if (control && control->isCancelRequested())
            break;
        if (tried)
            tried->append(path);
        auto module = Pkcs11Module::load(path);
        if (!module) {
            if (problems)
                problems->append({path, module.error()});
            continue;
        }
        auto tokens = module.value()->tokens();
        if (!tokens) {
            if (problems)
                problems->append({path, tokens.error()});
            continue;
        }
        for (const TokenInfo &t : tokens.value()) {
            const QString id = t.manufacturer + u'\x1f' + t.model + u'\x1f' + t.serial + u'\x1f' + t.label;
            if (seenTokens.contains(id))
                continue;
            seenTokens.insert(id);
            FoundToken f;
            f.modulePath = path;
            f.token = t;
            // Serial and label together name the token for the session.
            if (auto session = Pkcs11Session::open(module.value(), TokenSelector{t.label, t.serial}); session) {
                if (auto certs = session.value()->certificates(); certs)
                    f.certificates = certs.value();
                else if (problems)
                    problems->append({path, certs.error()});
            } else if (problems) {
                problems->append({path, session.error()});
            }
            found.append(f);
        }
    }
    return found;
}

Error FindTokensJob::run()
{
    reportProgress(0, 0, QCoreApplication::translate("sohoa::workflows::FindTokensJob", "Looking for signing tokens"));
    m_tokens = findNow(m_extraModules, &m_problems, &m_tried, this);
    if (isCancelRequested())
        return Error(ErrorCode::Cancelled);
    return {};
}

} // namespace sohoa::workflows
