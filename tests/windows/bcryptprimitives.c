/*
 * A stand-in for an OLD WINE, not for Windows: a test-only
 * bcryptprimitives.dll with the one function Rust's standard library
 * imports from it, ProcessPrng (Windows 10 and later have it). Wine 8,
 * Debian 12's, ships no bcryptprimitives.dll, so a mapctl.exe cannot start
 * there without this. It asks advapi32's RtlGenRandom (SystemFunction036),
 * which Wine has, for the bytes. tests/cli/windows.rs builds it with
 * mingw-w64 beside mapctl.exe and points WINEDLLOVERRIDES at it. It is
 * never shipped: the release zip holds mapctl.exe alone.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG n = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        length -= n;
    }
    return TRUE;
}
