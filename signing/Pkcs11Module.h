#pragma once

#include "core/common/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace sohoa::signing {

// One slot with a token in it, as C_GetTokenInfo describes it (strings trimmed of their padding).
struct TokenInfo
{
    unsigned long slotId = 0;
    QString label;
    QString serial;
    QString manufacturer;
    QString model;
    bool loginRequired = false;
    bool pinCountLow = false;       // CKF_USER_PIN_COUNT_LOW: a wrong PIN was entered since the last good one
    bool pinFinalTry = false;       // CKF_USER_PIN_FINAL_TRY: one more wrong PIN locks the token
    bool pinLocked = false;         // CKF_USER_PIN_LOCKED
    bool protectedAuthPath = false; // PIN is entered on the device's own pin pad
    bool present = false;
};

// A loaded PKCS#11 library (dlopen + C_Initialize). A library is loaded once per process and
// path: load() hands out the same object while someone holds it, because C_Finalize would pull
// the rug from under every other user. The last holder finalizes and unloads it.
class Pkcs11Module
{
public:
    ~Pkcs11Module();
    Pkcs11Module(const Pkcs11Module &) = delete;
    Pkcs11Module &operator=(const Pkcs11Module &) = delete;

    // Pkcs11ModuleNotFound when the file is missing, cannot be loaded or is not a PKCS#11
    // library; TokenError when its C_Initialize fails.
    static Result<std::shared_ptr<Pkcs11Module>> load(const QString &path);

    // Existing files among p11-kit's proxy and the drivers of tokens sold in Vietnam, in the
    // order loadDefault() tries them.
    static QStringList defaultModulePaths();
    // The first default module that has a token present, else the first that loads.
    static Result<std::shared_ptr<Pkcs11Module>> loadDefault();

    QString path() const;
    // Library description and manufacturer from C_GetInfo, for diagnostics.
    QString description() const;

    // Slots that hold a token (C_GetSlotList with tokenPresent = true).
    Result<QList<TokenInfo>> tokens() const;

    // Internal: the C side, used by Pkcs11Session and Pkcs11Key (see Pkcs11Internal_p.h).
    struct Impl;
    Impl &impl() const { return *d; }

private:
    explicit Pkcs11Module(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace sohoa::signing
