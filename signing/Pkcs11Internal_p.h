#pragma once

// Internal to sohoa_signing: the C side shared by Pkcs11Module, Pkcs11Session and Pkcs11Key.
// Never include this from a public header.

#include "core/common/SecureBuffer.h"
#include "signing/Pkcs11Module.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <p11-kit/pkcs11.h>

#include <memory>
#include <mutex>
#include <optional>

namespace sohoa::signing {

struct Pkcs11Module::Impl
{
    QString path;
    void *library = nullptr;
    CK_FUNCTION_LIST *fn = nullptr;
    bool ownsInitialize = false; // false when someone else in the process had initialized it
};

namespace pkcs11 {

// A fixed-width, blank-padded CK_UTF8CHAR field as a QString.
QString paddedString(const unsigned char *field, std::size_t width);

template <std::size_t N> QString paddedString(const unsigned char (&field)[N])
{
    return paddedString(field, N);
}

// State shared by a session and the keys found through it, so a key keeps the session open.
struct SessionState
{
    std::shared_ptr<Pkcs11Module> module;
    CK_FUNCTION_LIST *fn = nullptr;
    CK_SLOT_ID slot = 0;
    CK_SESSION_HANDLE handle = CK_INVALID_HANDLE;
    QString tokenLabel;
    QString tokenSerial;
    SecureBuffer pin; // kept for CKA_ALWAYS_AUTHENTICATE keys during one batch
    bool protectedAuthPath = false;
    std::mutex mutex; // a PKCS#11 session runs one operation at a time

    ~SessionState();

    // After a failed operation: if the session or token is gone, or the slot now holds another
    // token, TokenRemoved (with `error`'s detail and what was found); otherwise `error`.
    Error diagnose(Error error) const;
};

// What Pkcs11Key needs to know about its private key object.
struct KeyObject
{
    CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
    QString label;
    QByteArray id;
    CK_KEY_TYPE type = CKK_RSA;
    int bits = 0;
    bool alwaysAuthenticate = false;
    QByteArray certificateDer;
    QList<QByteArray> chainDer;
};

// Value of one attribute; nullopt if the object lacks it or the token refuses to tell.
std::optional<QByteArray> attribute(CK_FUNCTION_LIST *fn, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
                                    CK_ATTRIBUTE_TYPE type);
std::optional<CK_ULONG> ulongAttribute(CK_FUNCTION_LIST *fn, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object,
                                       CK_ATTRIBUTE_TYPE type);
bool boolAttribute(CK_FUNCTION_LIST *fn, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type);

} // namespace pkcs11
} // namespace sohoa::signing
