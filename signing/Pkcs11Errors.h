#pragma once

// Internal to sohoa_signing (and its tests): how PKCS#11 return values become Errors.
// Plain unsigned long so that this header needs no pkcs11.h.

#include "core/common/Error.h"

#include <QString>

namespace sohoa::signing::pkcs11 {

// "CKR_PIN_INCORRECT", or "CKR_0x…" for a value we do not know.
QString rvName(unsigned long rv);

// A failed operation: token-gone codes become TokenRemoved, device faults TokenError,
// anything else `fallback`; the detail names the call and the CKR value.
Error operationError(unsigned long rv, ErrorCode fallback, const QString &what);

// The outcome of one failed C_Login. `tokenFlags` are the CK_TOKEN_INFO flags read back after
// the failure (0 if they could not be read), so the message can say how many tries remain.
Error loginError(unsigned long rv, unsigned long tokenFlags, const QString &tokenLabel);

} // namespace sohoa::signing::pkcs11
