// A PKCS#11 module for tests that forwards everything to SoftHSM2 and counts C_Login calls, so
// a test can prove that a wrong PIN is tried exactly once.

#include <p11-kit/pkcs11.h>

#include <dlfcn.h>

#include <atomic>

namespace {

std::atomic<unsigned long> g_loginCount{0};
CK_FUNCTION_LIST g_functions;
CK_FUNCTION_LIST *g_target = nullptr;

CK_RV countingLogin(CK_SESSION_HANDLE session, CK_USER_TYPE userType, CK_UTF8CHAR *pin, CK_ULONG pinLen)
{
    ++g_loginCount;
    return g_target->C_Login(session, userType, pin, pinLen);
}

} // namespace

extern "C" {

__attribute__((visibility("default"))) unsigned long sohoa_shim_login_count()
{
    return g_loginCount.load();
}

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
        g_functions = *g_target;
        g_functions.C_Login = countingLogin;
    }
    *list = &g_functions;
    return CKR_OK;
}
}
