#include "upload/Keyring.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>

namespace sohoa::upload {

namespace {

const QString kService = QStringLiteral("SoHoa");

QString keyOf(const QString &targetName)
{
    return QStringLiteral("upload-target/") + targetName;
}

// Runs a QtKeychain job to its end on a loop of this thread's own.
void runToEnd(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
}

Error keyringError(const QKeychain::Job &job, const QString &targetName)
{
    if (job.error() == QKeychain::EntryNotFound)
        return Error::withHint(ErrorCode::InvalidArgument, "sohoa::upload",
                               QT_TRANSLATE_NOOP("sohoa::upload",
                                                 "The keyring holds no secret for the upload target %1: add the "
                                                 "target again with --secret-keyring to keep its password there."),
                               {targetName});
    return Error::withHint(ErrorCode::InvalidArgument, "sohoa::upload",
                           QT_TRANSLATE_NOOP("sohoa::upload",
                                             "The desktop keyring cannot be used (%1): unlock it, or give the upload "
                                             "target %2 its secret through --secret-env or a --secret-file only its "
                                             "owner can read."),
                           {job.errorString(), targetName});
}

} // namespace

Result<void> keepSecretInKeyring(const QString &targetName, const SecureBuffer &secret)
{
    QKeychain::WritePasswordJob job(kService);
    job.setKey(keyOf(targetName));
    QByteArray bytes(secret.data(), qsizetype(secret.size()));
    job.setBinaryData(bytes);
    bytes.fill('\0');
    runToEnd(job);
    if (job.error() != QKeychain::NoError)
        return keyringError(job, targetName);
    return {};
}

Result<SecureBuffer> secretFromKeyring(const QString &targetName)
{
    QKeychain::ReadPasswordJob job(kService);
    job.setKey(keyOf(targetName));
    runToEnd(job);
    if (job.error() != QKeychain::NoError)
        return keyringError(job, targetName);
    QByteArray bytes = job.binaryData();
    SecureBuffer secret{QByteArrayView(bytes)};
    bytes.fill('\0');
    return secret;
}

Result<void> forgetSecretInKeyring(const QString &targetName)
{
    QKeychain::DeletePasswordJob job(kService);
    job.setKey(keyOf(targetName));
    runToEnd(job);
    if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound)
        return keyringError(job, targetName);
    return {};
}

} // namespace sohoa::upload
