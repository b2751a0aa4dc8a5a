// SPDX-License-Identifier: MIT
#include "trace/guesses.h"

namespace qkview {

LazyGuesses& LazyGuesses::operator=(const LazyGuesses& other) {
    if (this == &other) return *this;
    const std::lock_guard lock(m_mutex);
    m_compute = other.m_compute;
    m_value.reset();
    return *this;
}

const Guesses& LazyGuesses::get() const {
    const std::lock_guard lock(m_mutex);
    if (!m_value) m_value = m_compute ? m_compute() : Guesses{};
    return *m_value;
}

bool LazyGuesses::isComputed() const {
    const std::lock_guard lock(m_mutex);
    return m_value.has_value();
}

} // namespace qkview
