#include "signing/Pkcs11Errors.h"

#include <p11-kit/pkcs11.h>

namespace sohoa::signing::pkcs11 {

QString rvName(unsigned long rv)
{
    switch (rv) {
#define SOHOA_CKR(name)                                                                                                \
    case name:                                                                                                         \
        return QStringLiteral(#name);
        SOHOA_CKR(CKR_OK)
        SOHOA_CKR(CKR_CANCEL)
        SOHOA_CKR(CKR_HOST_MEMORY)
        SOHOA_CKR(CKR_SLOT_ID_INVALID)
        SOHOA_CKR(CKR_GENERAL_ERROR)
        SOHOA_CKR(CKR_FUNCTION_FAILED)
        SOHOA_CKR(CKR_ARGUMENTS_BAD)
        SOHOA_CKR(CKR_NO_EVENT)
        SOHOA_CKR(CKR_NEED_TO_CREATE_THREADS)
        SOHOA_CKR(CKR_CANT_LOCK)
        SOHOA_CKR(CKR_ATTRIBUTE_READ_ONLY)
        SOHOA_CKR(CKR_ATTRIBUTE_SENSITIVE)
        SOHOA_CKR(CKR_ATTRIBUTE_TYPE_INVALID)
        SOHOA_CKR(CKR_ATTRIBUTE_VALUE_INVALID)
        SOHOA_CKR(CKR_DATA_INVALID)
        SOHOA_CKR(CKR_DATA_LEN_RANGE)
        SOHOA_CKR(CKR_DEVICE_ERROR)
        SOHOA_CKR(CKR_DEVICE_MEMORY)
        SOHOA_CKR(CKR_DEVICE_REMOVED)
        SOHOA_CKR(CKR_FUNCTION_CANCELED)
        SOHOA_CKR(CKR_FUNCTION_NOT_PARALLEL)
        SOHOA_CKR(CKR_FUNCTION_NOT_SUPPORTED)
        SOHOA_CKR(CKR_KEY_HANDLE_INVALID)
        SOHOA_CKR(CKR_KEY_SIZE_RANGE)
        SOHOA_CKR(CKR_KEY_TYPE_INCONSISTENT)
        SOHOA_CKR(CKR_KEY_FUNCTION_NOT_PERMITTED)
        SOHOA_CKR(CKR_MECHANISM_INVALID)
        SOHOA_CKR(CKR_MECHANISM_PARAM_INVALID)
        SOHOA_CKR(CKR_OBJECT_HANDLE_INVALID)
        SOHOA_CKR(CKR_OPERATION_ACTIVE)
        SOHOA_CKR(CKR_OPERATION_NOT_INITIALIZED)
        SOHOA_CKR(CKR_PIN_INCORRECT)
        SOHOA_CKR(CKR_PIN_INVALID)
        SOHOA_CKR(CKR_PIN_LEN_RANGE)
        SOHOA_CKR(CKR_PIN_EXPIRED)
        SOHOA_CKR(CKR_PIN_LOCKED)
        SOHOA_CKR(CKR_SESSION_CLOSED)
        SOHOA_CKR(CKR_SESSION_COUNT)
        SOHOA_CKR(CKR_SESSION_HANDLE_INVALID)
        SOHOA_CKR(CKR_SESSION_PARALLEL_NOT_SUPPORTED)
        SOHOA_CKR(CKR_SESSION_READ_ONLY)
        SOHOA_CKR(CKR_SESSION_EXISTS)
        SOHOA_CKR(CKR_TEMPLATE_INCOMPLETE)
        SOHOA_CKR(CKR_TEMPLATE_INCONSISTENT)
        SOHOA_CKR(CKR_TOKEN_NOT_PRESENT)
        SOHOA_CKR(CKR_TOKEN_NOT_RECOGNIZED)
        SOHOA_CKR(CKR_TOKEN_WRITE_PROTECTED)
        SOHOA_CKR(CKR_USER_ALREADY_LOGGED_IN)
        SOHOA_CKR(CKR_USER_NOT_LOGGED_IN)
        SOHOA_CKR(CKR_USER_PIN_NOT_INITIALIZED)
        SOHOA_CKR(CKR_USER_TYPE_INVALID)
        SOHOA_CKR(CKR_USER_ANOTHER_ALREADY_LOGGED_IN)
        SOHOA_CKR(CKR_USER_TOO_MANY_TYPES)
        SOHOA_CKR(CKR_BUFFER_TOO_SMALL)
        SOHOA_CKR(CKR_CRYPTOKI_NOT_INITIALIZED)
        SOHOA_CKR(CKR_CRYPTOKI_ALREADY_INITIALIZED)
        SOHOA_CKR(CKR_FUNCTION_REJECTED)
#undef SOHOA_CKR
    default:
        return QStringLiteral("CKR_0x%1").arg(rv, 0, 16);
    }
}

Error operationError(unsigned long rv, ErrorCode fallback, const QString &what)
{
    const QString detail = QStringLiteral("%1: %2").arg(what, rvName(rv));
    switch (rv) {
    case CKR_DEVICE_REMOVED:
    case CKR_TOKEN_NOT_PRESENT:
    case CKR_SESSION_HANDLE_INVALID:
    case CKR_SESSION_CLOSED:
        return Error(ErrorCode::TokenRemoved, detail);
    case CKR_DEVICE_ERROR:
    case CKR_DEVICE_MEMORY:
    case CKR_TOKEN_NOT_RECOGNIZED:
    case CKR_CRYPTOKI_NOT_INITIALIZED:
        return Error(ErrorCode::TokenError, detail);
    case CKR_PIN_LOCKED:
        return Error(ErrorCode::PinLocked, detail);
    default:
        return Error(fallback, detail);
    }
}

Error loginError(unsigned long rv, unsigned long tokenFlags, const QString &tokenLabel)
{
    const QString token = QStringLiteral("token \"%1\"").arg(tokenLabel);
    if (rv == CKR_PIN_LOCKED || (tokenFlags & CKF_USER_PIN_LOCKED))
        return Error(ErrorCode::PinLocked, QStringLiteral("C_Login: %1; %2: PIN locked").arg(rvName(rv), token));
    if (rv == CKR_PIN_INCORRECT || rv == CKR_PIN_INVALID || rv == CKR_PIN_LEN_RANGE) {
        QString tries;
        if (tokenFlags & CKF_USER_PIN_FINAL_TRY)
            tries = QStringLiteral("final try: one more wrong PIN locks the token");
        else if (tokenFlags & CKF_USER_PIN_COUNT_LOW)
            tries = QStringLiteral("few tries left");
        else
            tries = QStringLiteral("remaining tries not reported as low");
        return Error(ErrorCode::WrongPin, QStringLiteral("C_Login: %1; %2: %3").arg(rvName(rv), token, tries));
    }
    if (rv == CKR_PIN_EXPIRED)
        return Error(
            ErrorCode::WrongPin,
            QStringLiteral("C_Login: %1; %2: PIN expired, change it with the CA's tool").arg(rvName(rv), token));
    return operationError(rv, ErrorCode::TokenError, QStringLiteral("C_Login on %1").arg(token));
}

} // namespace sohoa::signing::pkcs11
