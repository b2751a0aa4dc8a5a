// SPDX-License-Identifier: MIT
// A .qkview lesson file: parsed, and every lesson that parses must read back the same after writing it.
#include "fuzz_support.h"
#include "lessons/lesson.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace qkview;
    try {
        const Lesson lesson = parseLesson(QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)));
        if (!(parseLesson(lessonToJson(lesson)) == lesson)) std::abort(); // what qkview writes, it reads
    } catch (const Error&) {
    }
    return 0;
}
