// SPDX-License-Identifier: MIT
#pragma once
#include <stdexcept>
#include <string>

namespace qkview {

// The one exception type of core: a kind for programs, a message for people.
class Error : public std::runtime_error {
public:
    enum class Kind {
        InvalidArgument, // the caller asked for something impossible (bad option, index out of range)
        InvalidInput,    // the user's text cannot be processed (empty, too long)
        InvalidModel,    // a model folder or file is malformed
        Io,              // the file system refused
        Cancelled,       // the user stopped a long operation (loading a model); nothing to report
    };

    Error(Kind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}
    Kind kind() const { return m_kind; }

private:
    Kind m_kind;
};

} // namespace qkview
