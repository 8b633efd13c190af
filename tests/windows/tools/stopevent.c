// stopevent.exe PID: sets the named event "POCOTRM<PID as 8 hex digits>", which is how Poco's
// Process::requestTermination asks a Poco ServerApplication (launcher.exe, smppd.exe) to stop;
// the same event the console Ctrl-C handler sets. Prints "set" or "open failed error=N".
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: stopevent PID\n");
        return 2;
    }
    char name[64];
    snprintf(name, sizeof(name), "POCOTRM%08lX", strtoul(argv[1], NULL, 10));
    HANDLE ev = OpenEventA(EVENT_MODIFY_STATE, FALSE, name);
    if (!ev) {
        printf("open failed error=%lu\n", GetLastError());
        return 1;
    }
    BOOL ok = SetEvent(ev);
    CloseHandle(ev);
    printf(ok ? "set\n" : "set failed\n");
    return ok ? 0 : 1;
}
