#include "signing/Pkcs11Module.h"

#include "signing/Pkcs11Errors.h"
#include "signing/Pkcs11Internal_p.h"
#include "signing/SigningLogging.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <dlfcn.h>

#include <vector>

namespace sohoa::signing {

namespace pkcs11 {

QString paddedString(const unsigned char *field, std::size_t width)
{
    std::size_t n = width;
    while (n > 0 && (field[n - 1] == ' ' || field[n - 1] == '\0'))
        --n;
    return QString::fromUtf8(reinterpret_cast<const char *>(field), qsizetype(n));
}

std::optional<QByteArray> attribute(CK_FUNCTION_LIST *fn, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
                                    CK_ATTRIBUTE_TYPE type)
{
    CK_ATTRIBUTE a{type, nullptr, 0};
    if (fn->C_GetAttributeValue(session, object, &a, 1) != CKR_OK || a.ulValueLen == CK_UNAVAILABLE_INFORMATION)
        return std::nullopt;
    QByteArray value(qsizetype(a.ulValueLen), Qt::Uninitialized);
    a.pValue = value.data();
    if (fn->C_GetAttributeValue(session, object, &a, 1) != CKR_OK)
        return std::nullopt;
    value.truncate(qsizetype(a.ulValueLen));
    return value;
}

std::optional<CK_ULONG> ulongAttribute(CK_FUNCTION_LIST *fn, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
                                       CK_ATTRIBUTE_TYPE type)
{
    CK_ULONG value = 0;
    CK_ATTRIBUTE a{type, &value, sizeof value};
    if (fn->C_GetAttributeValue(session, object, &a, 1) != CKR_OK || a.ulValueLen != sizeof value)
        return std::nullopt;
    return value;
}

bool boolAttribute(CK_FUNCTION_LIST *fn, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type)
{
    CK_BBOOL value = CK_FALSE;
    CK_ATTRIBUTE a{type, &value, sizeof value};
    return fn->C_GetAttributeValue(session, object, &a, 1) == CKR_OK && a.ulValueLen == sizeof value &&
           value == CK_TRUE;
}

} // namespace pkcs11

namespace {

// One live module object per library path (see the class comment). Recursive because a module
// that fails half-way through load() is destroyed with the lock held.
std::recursive_mutex s_registryMutex;
QHash<QString, std::weak_ptr<Pkcs11Module>> &registry()
{
    static QHash<QString, std::weak_ptr<Pkcs11Module>> r;
    return r;
}

} // namespace

Pkcs11Module::Pkcs11Module(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}

Pkcs11Module::~Pkcs11Module()
{
    // Not while another thread is loading the same library again.
    std::lock_guard lock(s_registryMutex);
    if (d->fn && d->ownsInitialize)
        d->fn->C_Finalize(nullptr);
    if (d->library)
        dlclose(d->library);
}

Result<std::shared_ptr<Pkcs11Module>> Pkcs11Module::load(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error(ErrorCode::Pkcs11ModuleNotFound, QStringLiteral("%1: no such file").arg(path));
    const QString key = info.canonicalFilePath();

    std::lock_guard lock(s_registryMutex);
    if (auto existing = registry().value(key).lock())
        return existing;

    auto impl = std::make_unique<Impl>();
    impl->path = path;
    const QByteArray nativePath = QFile::encodeName(key);
    impl->library = dlopen(nativePath.constData(), RTLD_NOW | RTLD_LOCAL);
    if (!impl->library)
        return Error(ErrorCode::Pkcs11ModuleNotFound,
                     QStringLiteral("dlopen %1: %2").arg(path, QString::fromLocal8Bit(dlerror())));

    // From here on the destructor cleans up whatever we got.
    std::shared_ptr<Pkcs11Module> module(new Pkcs11Module(std::move(impl)));
    Impl &m = *module->d;

    auto getFunctionList = reinterpret_cast<CK_C_GetFunctionList>(dlsym(m.library, "C_GetFunctionList"));
    if (!getFunctionList)
        return Error(ErrorCode::Pkcs11ModuleNotFound,
                     QStringLiteral("%1: not a PKCS#11 library (no C_GetFunctionList)").arg(path));
    CK_RV rv = getFunctionList(&m.fn);
    if (rv != CKR_OK || !m.fn) {
        m.fn = nullptr;
        return Error(ErrorCode::Pkcs11ModuleNotFound,
                     QStringLiteral("%1: C_GetFunctionList: %2").arg(path, pkcs11::rvName(rv)));
    }

    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_OS_LOCKING_OK;
    rv = m.fn->C_Initialize(&args);
    if (rv == CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        qCInfo(lcSigning) << "PKCS#11 module already initialized by someone else:" << path;
    } else if (rv != CKR_OK) {
        m.fn = nullptr; // do not C_Finalize what never initialized
        return Error(ErrorCode::TokenError, QStringLiteral("%1: C_Initialize: %2").arg(path, pkcs11::rvName(rv)));
    } else {
        m.ownsInitialize = true;
    }
    qCInfo(lcSigning) << "loaded PKCS#11 module" << path << module->description();
    registry().insert(key, module);
    return module;
}

QStringList Pkcs11Module::defaultModulePaths()
{
    static const char *const candidates[] = {
        "/usr/lib/x86_64-linux-gnu/p11-kit-proxy.so",
        "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
        "/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so",
        "/usr/lib/libeTPkcs11.so",     // SafeNet eToken (several Vietnamese CAs)
        "/usr/lib/libcastle.so.1.0.0", // Viettel-CA
        "/usr/lib/libbkavca.so",       // BKAV-CA
        "/usr/lib/libvnpt-ca.so",      // VNPT-CA
        "/usr/lib/softhsm/libsofthsm2.so",
    };
    QStringList paths;
    for (const char *candidate : candidates) {
        const QString path = QString::fromLatin1(candidate);
        if (QFileInfo::exists(path))
            paths.append(path);
    }
    return paths;
}

Result<std::shared_ptr<Pkcs11Module>> Pkcs11Module::loadDefault()
{
    const QStringList paths = defaultModulePaths();
    if (paths.isEmpty())
        return Error(ErrorCode::Pkcs11ModuleNotFound, QStringLiteral("no known PKCS#11 library is installed"));
    std::shared_ptr<Pkcs11Module> firstLoaded;
    QStringList failures;
    for (const QString &path : paths) {
        auto module = load(path);
        if (!module) {
            failures.append(module.error().detail());
            continue;
        }
        auto tokens = module.value()->tokens();
        if (tokens && !tokens.value().isEmpty())
            return module;
        if (!firstLoaded)
            firstLoaded = module.value();
    }
    if (firstLoaded)
        return firstLoaded;
    return Error(ErrorCode::Pkcs11ModuleNotFound, failures.join(QStringLiteral("; ")));
}

QString Pkcs11Module::path() const
{
    return d->path;
}

QString Pkcs11Module::description() const
{
    CK_INFO info{};
    if (!d->fn || d->fn->C_GetInfo(&info) != CKR_OK)
        return {};
    return QStringLiteral("%1 (%2)").arg(pkcs11::paddedString(info.libraryDescription),
                                         pkcs11::paddedString(info.manufacturerID));
}

Result<QList<TokenInfo>> Pkcs11Module::tokens() const
{
    CK_ULONG count = 0;
    CK_RV rv = d->fn->C_GetSlotList(CK_TRUE, nullptr, &count);
    if (rv != CKR_OK)
        return pkcs11::operationError(rv, ErrorCode::TokenError, QStringLiteral("C_GetSlotList"));
    std::vector<CK_SLOT_ID> slotIds(count);
    if (count > 0) {
        rv = d->fn->C_GetSlotList(CK_TRUE, slotIds.data(), &count);
        if (rv != CKR_OK)
            return pkcs11::operationError(rv, ErrorCode::TokenError, QStringLiteral("C_GetSlotList"));
        slotIds.resize(count);
    }
    QList<TokenInfo> result;
    for (CK_SLOT_ID slot : slotIds) {
        CK_TOKEN_INFO ti{};
        rv = d->fn->C_GetTokenInfo(slot, &ti);
        if (rv != CKR_OK) {
            // Pulled out between the two calls, or unreadable: skip it rather than fail the list.
            qCWarning(lcSigning) << "C_GetTokenInfo on slot" << slot << "failed:" << pkcs11::rvName(rv);
            continue;
        }
        if (!(ti.flags & CKF_TOKEN_INITIALIZED))
            continue; // e.g. SoftHSM's spare empty slot: nothing to sign with
        TokenInfo t;
        t.slotId = slot;
        t.label = pkcs11::paddedString(ti.label);
        t.serial = pkcs11::paddedString(ti.serialNumber);
        t.manufacturer = pkcs11::paddedString(ti.manufacturerID);
        t.model = pkcs11::paddedString(ti.model);
        t.loginRequired = ti.flags & CKF_LOGIN_REQUIRED;
        t.pinCountLow = ti.flags & CKF_USER_PIN_COUNT_LOW;
        t.pinFinalTry = ti.flags & CKF_USER_PIN_FINAL_TRY;
        t.pinLocked = ti.flags & CKF_USER_PIN_LOCKED;
        t.protectedAuthPath = ti.flags & CKF_PROTECTED_AUTHENTICATION_PATH;
        t.present = true;
        result.append(t);
    }
    return result;
}

} // namespace sohoa::signing
