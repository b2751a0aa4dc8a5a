// SPDX-License-Identifier: MIT
#pragma once
// A full disk, simulated: while this lives, files cannot grow past `bytes` (writes fail with EFBIG
// instead of raising SIGXFSZ). Unlike permissions, this stops root too.
#include <csignal>
#include <sys/resource.h>

#include <gtest/gtest.h>

namespace qkview::test {

class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        EXPECT_EQ(getrlimit(RLIMIT_FSIZE, &m_old), 0);
        m_previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limited = m_old;
        limited.rlim_cur = bytes;
        EXPECT_EQ(setrlimit(RLIMIT_FSIZE, &limited), 0);
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_previousHandler);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit m_old{};
    void (*m_previousHandler)(int) = SIG_DFL;
};

} // namespace qkview::test
