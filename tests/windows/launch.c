/*
 * launch.exe COMMAND LINE: runs COMMAND LINE as a Windows parent would, in
 * an environment where APPDATA and LOCALAPPDATA are the test's own.
 *
 * Wine gives the first Windows process of a Linux command the APPDATA and
 * LOCALAPPDATA of its prefix (C:\users\NAME\AppData\...), whatever the
 * Linux environment says; a Windows process started by another one
 * inherits its parent's environment, as on Windows. So this parent copies
 * MAPCTL_TEST_APPDATA and MAPCTL_TEST_LOCALAPPDATA (set by the test, e.g.
 * Z:\tmp\.tmpXXXX\Roaming) into APPDATA and LOCALAPPDATA, drops the two
 * MAPCTL_TEST_ variables, starts the rest of its own command line
 * verbatim (Wine quoted it from the test's argv), with the same standard
 * handles, and exits with the child's exit code.
 *
 * Ctrl-C: like cmd.exe while it waits for a program, it takes no action
 * on Ctrl-C itself and leaves it to the child. (By a handler that says
 * "handled", not by SetConsoleCtrlHandler(NULL, TRUE): that would be
 * inherited, and the child would ignore Ctrl-C too.)
 *
 * The child is in a job that is killed when this process ends, so that a
 * test that kills it (a timeout) leaves no mapctl.exe behind.
 */
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

#define MAX_VALUE 32767

static int move_variable(const WCHAR *from, const WCHAR *to)
{
    static WCHAR value[MAX_VALUE + 1];
    DWORD n = GetEnvironmentVariableW(from, value, MAX_VALUE + 1);
    if (n == 0)
        return 0;
    if (n > MAX_VALUE)
        return -1;
    if (!SetEnvironmentVariableW(to, value) || !SetEnvironmentVariableW(from, NULL))
        return -1;
    return 0;
}

static BOOL WINAPI leave_it_to_the_child(DWORD event)
{
    return event == CTRL_C_EVENT || event == CTRL_BREAK_EVENT;
}

/* The command line after the first argument (this program's own name). */
static WCHAR *after_first_argument(WCHAR *p)
{
    if (*p == L'"') {
        for (p++; *p && *p != L'"'; p++)
            ;
        if (*p)
            p++;
    } else {
        while (*p && *p != L' ' && *p != L'\t')
            p++;
    }
    while (*p == L' ' || *p == L'\t')
        p++;
    return p;
}

static HANDLE inheritable(DWORD which)
{
    HANDLE h = GetStdHandle(which);
    if (h != NULL && h != INVALID_HANDLE_VALUE)
        SetHandleInformation(h, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
    return h;
}

int main(void)
{
    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION limits;
    HANDLE job;
    DWORD code = 1;
    WCHAR *command = after_first_argument(GetCommandLineW());

    if (!*command) {
        fputs("launch: no command line to run\n", stderr);
        return 120;
    }
    if (move_variable(L"MAPCTL_TEST_APPDATA", L"APPDATA") != 0
        || move_variable(L"MAPCTL_TEST_LOCALAPPDATA", L"LOCALAPPDATA") != 0) {
        fprintf(stderr, "launch: cannot set the environment (error %lu)\n", GetLastError());
        return 120;
    }
    SetConsoleCtrlHandler(leave_it_to_the_child, TRUE);

    ZeroMemory(&si, sizeof si);
    si.cb = sizeof si;
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = inheritable(STD_INPUT_HANDLE);
    si.hStdOutput = inheritable(STD_OUTPUT_HANDLE);
    si.hStdError = inheritable(STD_ERROR_HANDLE);
    if (!CreateProcessW(NULL, command, NULL, NULL, TRUE, CREATE_SUSPENDED, NULL, NULL, &si, &pi)) {
        fprintf(stderr, "launch: cannot start %ls (error %lu)\n", command, GetLastError());
        return 120;
    }
    job = CreateJobObjectW(NULL, NULL);
    if (job != NULL) {
        ZeroMemory(&limits, sizeof limits);
        limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        SetInformationJobObject(job, JobObjectExtendedLimitInformation, &limits, sizeof limits);
        AssignProcessToJobObject(job, pi.hProcess);
    }
    ResumeThread(pi.hThread);
    CloseHandle(pi.hThread);
    WaitForSingleObject(pi.hProcess, INFINITE);
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hProcess);
    return (int)code;
}
