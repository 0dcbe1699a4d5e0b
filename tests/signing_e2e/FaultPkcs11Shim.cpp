// A PKCS#11 module for end-to-end tests of `sohoa-cli sign`: forwards everything to SoftHSM2 and
// injects token faults chosen by environment variables read when the module is loaded:
//   SOHOA_SHIM_LOGIN_LOCKED=1        C_Login answers CKR_PIN_LOCKED (a locked token)
//   SOHOA_SHIM_REMOVE_AFTER_SIGNS=N  after N successful C_Sign calls the token is "pulled out":
//                                    C_SignInit, C_Sign, C_GetSessionInfo, C_GetTokenInfo answer
//                                    CKR_DEVICE_REMOVED / CKR_TOKEN_NOT_PRESENT.
// (A copy of tests/signing_pkcs11/CountingPkcs11Shim.cpp, extended.)

#include <p11-kit/pkcs11.h>

#include <dlfcn.h>

#include <atomic>
#include <cstdlib>

namespace {

CK_FUNCTION_LIST g_functions;
CK_FUNCTION_LIST *g_target = nullptr;
bool g_loginLocked = false;
long g_removeAfter = -1;
std::atomic<long> g_signs{0};

bool removed()
{
    return g_removeAfter >= 0 && g_signs.load() >= g_removeAfter;
}

CK_RV shimLogin(CK_SESSION_HANDLE session, CK_USER_TYPE userType, CK_UTF8CHAR *pin, CK_ULONG pinLen)
{
    if (g_loginLocked)
        return CKR_PIN_LOCKED;
    if (removed())
        return CKR_DEVICE_REMOVED;
    return g_target->C_Login(session, userType, pin, pinLen);
}

CK_RV shimSignInit(CK_SESSION_HANDLE session, CK_MECHANISM *mechanism, CK_OBJECT_HANDLE key)
{
    if (removed())
        return CKR_DEVICE_REMOVED;
    return g_target->C_SignInit(session, mechanism, key);
}

CK_RV shimSign(CK_SESSION_HANDLE session, CK_BYTE *data, CK_ULONG dataLen, CK_BYTE *signature, CK_ULONG *signatureLen)
{
    if (removed())
        return CKR_DEVICE_REMOVED;
    const CK_RV rv = g_target->C_Sign(session, data, dataLen, signature, signatureLen);
    if (rv == CKR_OK && signature)
        ++g_signs;
    return rv;
}

CK_RV shimGetSessionInfo(CK_SESSION_HANDLE session, CK_SESSION_INFO *info)
{
    if (removed())
        return CKR_DEVICE_REMOVED;
    return g_target->C_GetSessionInfo(session, info);
}

CK_RV shimGetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO *info)
{
    if (removed())
        return CKR_TOKEN_NOT_PRESENT;
    return g_target->C_GetTokenInfo(slot, info);
}

} // namespace

extern "C" {

__attribute__((visibility("default"))) CK_RV C_GetFunctionList(CK_FUNCTION_LIST **list)
{
    if (!list)
        return CKR_ARGUMENTS_BAD;
    if (!g_target) {
        void *library = dlopen(SOHOA_SOFTHSM_MODULE, RTLD_NOW | RTLD_LOCAL);
        if (!library)
            return CKR_GENERAL_ERROR;
        auto getFunctionList = reinterpret_cast<CK_C_GetFunctionList>(dlsym(library, "C_GetFunctionList"));
        if (!getFunctionList || getFunctionList(&g_target) != CKR_OK)
            return CKR_GENERAL_ERROR;
        const char *locked = std::getenv("SOHOA_SHIM_LOGIN_LOCKED");
        g_loginLocked = locked && *locked == '1';
        if (const char *after = std::getenv("SOHOA_SHIM_REMOVE_AFTER_SIGNS"); after && *after)
            g_removeAfter = std::strtol(after, nullptr, 10);
        g_functions = *g_target;
        g_functions.C_Login = shimLogin;
        g_functions.C_SignInit = shimSignInit;
        g_functions.C_Sign = shimSign;
        g_functions.C_GetSessionInfo = shimGetSessionInfo;
        g_functions.C_GetTokenInfo = shimGetTokenInfo;
    }
    *list = &g_functions;
    return CKR_OK;
}
}
