/* bcryptprimitives.dll for Wine 8 (Debian 12), used by .ci/windows ONLY: never shipped.
 *
 * Rust's standard library gets random bytes (HashMap seeds) from ProcessPrng in
 * bcryptprimitives.dll, which every supported Windows (10 and later) has. Debian's Wine 8
 * lacks that DLL, so meetpack.exe fails to start under it. This stand-in exports ProcessPrng
 * over advapi32's RtlGenRandom (exported as SystemFunction036), which Wine implements; it is
 * copied beside the exe in the Wine test folder only, never into the installer.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll processprng-shim.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes a ULONG length: fill larger requests in pieces. */
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
