/* A module loaded with dlopen(), like a SANE backend: it asks for asynchronous cancellation the way
   sanei_thread's reader threads do, and reports the cancel type actually in force afterwards. */
#include <pthread.h>

int sohoa_probe_cancel_type(void)
{
    int old = 0;
    int now = -1;
    pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, &old);
    pthread_setcanceltype(PTHREAD_CANCEL_DEFERRED, &now);
    return now;
}
