// SPDX-License-Identifier: MIT
#include "base/memory_tuning.h"

#include <cstdlib> // defines __GLIBC__ on glibc
#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace qkview {

void keepFreedMemoryForReuse() {
#if defined(__GLIBC__)
    static std::once_flag once;
    std::call_once(once, [] {
        mallopt(M_MMAP_THRESHOLD, 32 << 20);          // blocks below 32 MB come from the heap...
        mallopt(M_TRIM_THRESHOLD, 1 << 30);           // ...which keeps up to 1 GB free at its top
    });
#endif
}

void releaseFreedMemory() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

} // namespace qkview
